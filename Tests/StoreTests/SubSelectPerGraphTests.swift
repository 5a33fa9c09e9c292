import RDFModel
import Store
import XCTest

/// A sub-SELECT inside `GRAPH ?g` is answered in each named graph (SPARQL 1.1 §18.6, Graph).
/// rasqal 0.9.33 runs it once per graph, resetting it in between; its aggregation, groupby and sort
/// rowsources had no working reset, so they gave the first graph's rows and nothing after
/// (CRasqalOverrides gives them one, and keeps rasqal's replay of a joined sub-SELECT's rows
/// until the graph changes).
final class SubSelectPerGraphTests: XCTestCase {
    private let integer = "http://www.w3.org/2001/XMLSchema#integer"

    /// :g1 holds two :p triples, :g2 one :q triple, :g3 three :p triples; objects 1 to 6.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        let triples: [(String, String, String, Int)] = [
            ("g1", "a", "p", 1), ("g1", "b", "p", 2), ("g2", "c", "q", 3), ("g3", "d", "p", 4), ("g3", "e", "p", 5), ("g3", "f", "p", 6),
        ]
        try store.write { add in
            for (graph, subject, predicate, object) in triples {
                try add(Quad(.iri("http://ex/" + subject), .iri("http://ex/" + predicate), .literal(String(object), datatype: integer),
                             graph: .iri("http://ex/" + graph)))
            }
        }
        return store
    }

    private func rows(_ store: Store, _ sparql: String) throws -> [[String]] {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { row in row.map(Self.short) }
    }

    /// `g1`, `a`, `3`, or `-` for unbound.
    private static func short(_ term: RDFTerm?) -> String {
        switch term {
        case .iri(let iri)?: return String(iri.dropFirst("http://ex/".count))
        case .literal(let lexical, _, _)?: return lexical
        case .blank(let label)?: return "_:" + label
        case nil: return "-"
        }
    }

    func testAnAggregateIsCountedInEachGraphEmptyOnesIncluded() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?g ?n ?sum { GRAPH ?g { SELECT (COUNT(*) AS ?n) (SUM(?o) AS ?sum) { ?s :p ?o } } } ORDER BY ?g"),
                       [["g1", "2", "3"], ["g2", "0", "0"], ["g3", "3", "15"]])
    }

    func testGroupsAreMadeInEachGraph() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?g ?p ?n { GRAPH ?g { SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p } } ORDER BY ?g"),
                       [["g1", "p", "2"], ["g2", "q", "1"], ["g3", "p", "3"]])
    }

    func testASortedSliceIsTakenInEachGraph() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?g ?o { GRAPH ?g { SELECT ?o { ?s ?p ?o } ORDER BY DESC(?o) LIMIT 1 } } ORDER BY ?g"),
                       [["g1", "2"], ["g2", "3"], ["g3", "6"]])
    }

    /// Joined with a pattern inside the block, the sub-SELECT's rows are reused within a graph,
    /// and read again in the next.
    func testASubSelectJoinedInsideTheBlockIsReadAgainInEachGraph() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?g ?s ?n { GRAPH ?g { ?s ?p ?o { SELECT (COUNT(*) AS ?n) { ?x :p ?y } } } } ORDER BY ?s"),
                       [["g1", "a", "2"], ["g1", "b", "2"], ["g2", "c", "0"], ["g3", "d", "3"], ["g3", "e", "3"], ["g3", "f", "3"]])
        XCTAssertEqual(try rows(store, "SELECT ?g ?s ?n { GRAPH ?g { ?s ?p ?o OPTIONAL { SELECT (MAX(?y) AS ?n) { ?x :p ?y } } } } ORDER BY ?s"),
                       [["g1", "a", "2"], ["g1", "b", "2"], ["g2", "c", "-"], ["g3", "d", "6"], ["g3", "e", "6"], ["g3", "f", "6"]])
    }
}
