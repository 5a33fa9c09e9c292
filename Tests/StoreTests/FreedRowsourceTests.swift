import CRasqalOverrides
import RDFModel
import Store
import XCTest

/// Every rowsource of a query is freed with it. rasqal 0.9.33 left two kinds behind, each
/// kept alive by rows that refer back to it (`CRasqalOverrides`): an aggregating sub-SELECT joined
/// with a pattern, which keeps the rows it gave to give them again
/// (`rasqal_rowsource_free.c`), and a sub-SELECT DISTINCT or REDUCED, whose map kept its rows
/// after they were made its own (`rasqal_distinct_rowsource.c`).
final class FreedRowsourceTests: XCTestCase {
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for index in 0..<5 {
                try add(Quad(.iri("http://ex/s\(index)"), .iri("http://ex/p"), .iri("http://ex/o\(index % 2)"), graph: .iri("http://ex/g\(index % 2)")))
            }
        }
        return store
    }

    /// Runs `sparql` to its last row, checking that its rowsources were counted while it ran and
    /// that none is left once its answer is dropped.
    private func assertFreed(_ store: Store, _ sparql: String, rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = coatt_rasqal_rowsources_alive()
        do {
            guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
                return XCTFail("no solutions", file: file, line: line)
            }
            XCTAssertGreaterThan(coatt_rasqal_rowsources_alive(), before, "counted while \(sparql) runs", file: file, line: line)
            XCTAssertEqual(Array(sequence(state: cursor) { $0.next() }).count, rows, sparql, file: file, line: line)
        }
        XCTAssertEqual(coatt_rasqal_rowsources_alive(), before, "left behind by \(sparql)", file: file, line: line)
    }

    func testAJoinedAggregatingSubSelectIsFreedWithItsQuery() throws {
        let store = try makeStore()
        try assertFreed(store, "SELECT * { ?s :p ?o FILTER(true) }", rows: 5)
        try assertFreed(store, "SELECT * { ?s :p ?o { SELECT (COUNT(*) AS ?n) { ?a :p ?b } } }", rows: 5)
        try assertFreed(store, "SELECT * { { SELECT ?o (COUNT(*) AS ?n) { ?a :p ?o } GROUP BY ?o } ?s :p ?o }", rows: 5)
        try assertFreed(store, "SELECT * { GRAPH ?g { ?s :p ?o { SELECT (COUNT(*) AS ?n) { ?a :p ?b } } } }", rows: 5)
    }

    func testADistinctSubSelectIsFreedWithItsQuery() throws {
        let store = try makeStore()
        try assertFreed(store, "SELECT ?o { { SELECT DISTINCT ?o { ?s :p ?o } } }", rows: 2)
        try assertFreed(store, "SELECT ?g ?o { GRAPH ?g { SELECT REDUCED ?o { ?s :p ?o } } }", rows: 2)
        try assertFreed(store, "SELECT ?s { { SELECT DISTINCT ?o { ?x :p ?o } ORDER BY ?o } ?s :p ?o }", rows: 5)
    }
}
