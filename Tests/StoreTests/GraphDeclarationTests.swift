import RDFModel
import SQLiteStorage
import XCTest

/// rasqal's `GRAPH` visits only the named graphs declared to it, and declaring one costs about as
/// much as a point lookup: a query declares the store's graphs only when it has a `GRAPH ?g` block
/// left to rasqal somewhere (inside OPTIONAL and EXISTS too; not one read in one pass,
/// `OnePassGraphTests`), and answers the same either way.
final class GraphDeclarationTests: XCTestCase {
    private static let graphs = 30

    /// `<s> <p> "gN"` in each of 30 named graphs, and `<s> <p> "d"` in the default graph.
    private func makeEngine() throws -> RasqalEngine {
        let database = try QuadDatabase(path: ":memory:")
        for n in 0..<Self.graphs {
            _ = try database.insert(Quad(.iri("http://e/s"), .iri("http://e/p"), .literal("g\(n)"), graph: .iri("http://e/g\(n)")))
        }
        _ = try database.insert(Quad(.iri("http://e/s"), .iri("http://e/p"), .literal("d")))
        return try RasqalEngine(database: database)
    }

    func testAQueryWithoutGraphDeclaresNone() throws {
        let engine = try makeEngine()
        XCTAssertEqual(try engine.sortedAnswer("SELECT ?o { <http://e/s> <http://e/p> ?o }").rows.count, Self.graphs + 1)
        XCTAssertEqual(engine.graphsDeclared, 0)
        guard case .boolean(true) = try engine.query("ASK { <http://e/s> <http://e/p> \"g7\" }") else { return XCTFail("ASK") }
        XCTAssertEqual(engine.graphsDeclared, 0)
    }

    func testGraphBlocksAnywhereVisitEveryNamedGraph() throws {
        let engine = try makeEngine()
        let visited = try engine.sortedAnswer("SELECT ?g { GRAPH ?g { <http://e/s> <http://e/p> ?o } }")
        XCTAssertEqual(visited.rows.count, Self.graphs)
        XCTAssertEqual(engine.graphsDeclared, 0, "read in one pass")
        let optional = try engine.sortedAnswer("SELECT ?o ?g { <http://e/s> <http://e/p> ?o OPTIONAL { GRAPH ?g { <http://e/s> <http://e/p> ?o } } }")
        XCTAssertEqual(optional.rows.count, Self.graphs + 1)
        XCTAssertEqual(optional.rows.filter { $0.hasSuffix(" -") }, ["\(RDFTerm.literal("d")) -"], "only the default graph's object is in no named graph")
        XCTAssertEqual(engine.graphsDeclared, 0, "read in one pass")
        let bound = try engine.sortedAnswer("SELECT ?g { GRAPH ?g { BIND(1 AS ?one) <http://e/s> <http://e/p> ?o } }")
        XCTAssertEqual(bound.rows, visited.rows)
        XCTAssertEqual(engine.graphsDeclared, Self.graphs, "visited by rasqal")
        // The outer query has no GRAPH; its EXISTS pattern, asked as a query of its own, has.
        let exists = try engine.sortedAnswer("SELECT ?o { <http://e/s> <http://e/p> ?o FILTER EXISTS { GRAPH ?g { <http://e/s> <http://e/p> ?o } } }")
        XCTAssertEqual(exists.rows.count, Self.graphs)
        XCTAssertFalse(exists.rows.contains("\(RDFTerm.literal("d"))"))
    }
}
