import Foundation
import RDFModel
@testable import SQLiteStorage
import XCTest

/// How `QuadDatabase.cursor` reads quads: the index each scan shape uses, and one prepared
/// statement for every graph `GRAPH ?g` visits.
final class ScanPlanTests: XCTestCase {
    /// The index SQLite reads for a shape's SQL (`EXPLAIN QUERY PLAN`).
    private func index(of shape: ScanShape, in database: QuadDatabase) throws -> String {
        let plan = try database.connection.prepare("EXPLAIN QUERY PLAN " + shape.sql)
        defer { plan.reset() }
        var details: [String] = []
        while try plan.step() { details.append(plan.text(3)) }
        let detail = details.joined(separator: "; ")
        if detail.contains("PRIMARY KEY") { return "primary key" }
        return ["quad_pos", "quad_osp", "quad_gpos"].first { detail.contains("INDEX \($0) ") } ?? detail
    }

    func testOneGraphsQuadsOfAPredicateAreReadThroughTheGraphsIndex() throws {
        let database = try QuadDatabase(path: ":memory:")
        let shape = { (s: Bool, p: Bool, o: Bool, graphs: [Int64]?) in
            ScanShape(subject: s, predicate: p, object: o, graphs: graphs, adjacentTriples: true)
        }
        // What `GRAPH ?g { ?m :refersTo ?e }` asks for each graph: not the predicate's quads in all graphs.
        XCTAssertEqual(try index(of: shape(false, true, false, [7]), in: database), "quad_gpos")
        XCTAssertEqual(try index(of: shape(false, true, true, [7]), in: database), "quad_gpos")
        XCTAssertEqual(try index(of: shape(false, false, false, [7]), in: database), "quad_gpos")
        // A subject or an object is more selective than a graph.
        XCTAssertEqual(try index(of: shape(true, true, false, [7]), in: database), "primary key")
        XCTAssertEqual(try index(of: shape(false, false, true, [7]), in: database), "quad_osp")
        // Every graph, or a list of them (FROM): the predicate's index.
        XCTAssertEqual(try index(of: shape(false, true, false, nil), in: database), "quad_pos")
        XCTAssertEqual(try index(of: shape(false, true, false, [7, 8]), in: database), "quad_pos")
        XCTAssertEqual(shape(false, true, false, [7]), shape(false, true, false, [8]), "one statement for every graph visited")
        XCTAssertNotEqual(shape(false, true, false, [7, 8]), shape(false, true, false, [7, 9]))
    }

    func testAStoreWithTheEarlierGraphIndexGetsTheNewOneWhenOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("quads.sqlite").path
        do {
            let database = try QuadDatabase(path: path)
            _ = try database.insert(Quad(.iri("http://e/s"), .iri("http://e/p"), .literal("o"), graph: .iri("http://e/g")))
            try database.connection.execute("DROP INDEX quad_gpos; CREATE INDEX quad_gspo ON quad(g, s, p, o)")
        }
        let reopened = try QuadDatabase(path: path)
        let names = try reopened.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quad' ORDER BY name")
        defer { names.reset() }
        var found: [String] = []
        while try names.step() { found.append(names.text(0)) }
        XCTAssertEqual(found, ["quad_gpos", "quad_osp", "quad_pos"])
        XCTAssertEqual(try reopened.count(), 1)
    }

    /// 40 graphs of 3 mentions each: every graph's mentions found, as many as there are, in one
    /// lookup (one per graph when rasqal visits them, as it does with a BIND in the block).
    func testAGraphVariableVisitsEveryGraphWithOneLookupEach() throws {
        let database = try QuadDatabase(path: ":memory:")
        for post in 0..<40 {
            for k in 0..<3 {
                let mention = RDFTerm.iri("http://e/post\(post)#m\(k)"), graph = RDFTerm.iri("http://e/post\(post)")
                _ = try database.insert(Quad(mention, .iri("http://e/refersTo"), .iri("http://e/e\(k)"), graph: graph))
                _ = try database.insert(Quad(mention, .iri("http://e/text"), .literal("m\(k)"), graph: graph))
            }
        }
        let engine = try RasqalEngine(database: database)
        let answer = try engine.sortedAnswer("SELECT ?g ?m ?e { GRAPH ?g { ?m <http://e/refersTo> ?e } }")
        XCTAssertEqual(answer.rows.count, 120)
        XCTAssertEqual(Set(answer.rows).count, 120)
        XCTAssertEqual(answer.lookups, 1)
        XCTAssertEqual(answer.rowsRead, 120)
        let last = [RDFTerm.iri("http://e/post39"), .iri("http://e/post39#m2"), .iri("http://e/e2")]
        XCTAssertTrue(answer.rows.contains(last.map { "\($0)" }.joined(separator: " ")))
        let visited = try engine.sortedAnswer("SELECT ?g ?m ?e { GRAPH ?g { BIND(1 AS ?one) ?m <http://e/refersTo> ?e } }")
        XCTAssertEqual(visited.rows, answer.rows)
        XCTAssertEqual(visited.lookups, 40)
        XCTAssertEqual(visited.rowsRead, 120)
    }
}
