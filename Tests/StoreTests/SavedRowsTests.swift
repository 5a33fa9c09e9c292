import CRasqalOverrides
import RDFModel
import Store
import XCTest

/// A sub-SELECT with aggregates joined with a pattern keeps the rows it gave, to give them again
/// for every row it is joined with; those rows refer to it, and rasqal 0.9.33 never freed such a
/// rowsource (`rasqal_rowsource_free.c`): each query left it behind.
final class SavedRowsTests: XCTestCase {
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for index in 0..<5 {
                try add(Quad(.iri("http://ex/s\(index)"), .iri("http://ex/p"), .iri("http://ex/o\(index % 2)"), graph: .iri("http://ex/g\(index % 2)")))
            }
        }
        return store
    }

    private func consume(_ store: Store, _ sparql: String) throws -> Int {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return 0
        }
        return sequence(state: cursor) { $0.next() }.reduce(0) { count, _ in count + 1 }
    }

    func testAJoinedAggregatingSubSelectIsFreedWithItsQuery() throws {
        let store = try makeStore()
        let before = coatt_rasqal_aggregations_alive()
        XCTAssertEqual(try consume(store, "SELECT * { ?s :p ?o { SELECT (COUNT(*) AS ?n) { ?a :p ?b } } }"), 5)
        XCTAssertEqual(try consume(store, "SELECT * { { SELECT ?o (COUNT(*) AS ?n) { ?a :p ?o } GROUP BY ?o } ?s :p ?o }"), 5)
        XCTAssertEqual(try consume(store, "SELECT * { GRAPH ?g { ?s :p ?o { SELECT (COUNT(*) AS ?n) { ?a :p ?b } } } }"), 5)
        XCTAssertEqual(coatt_rasqal_aggregations_alive(), before)
    }
}
