import RDFModel
import Store
import XCTest

/// Aggregates over no solutions, as SPARQL 1.1 says and rasqal 0.9.33 does not: one solution for
/// the implicit group (COUNT 0), no solution when GROUP BY finds no groups; real groups untouched;
/// in sub-SELECTs as at the top (CRasqalOverrides' aggregation and groupby rowsources).
final class EmptyGroupTests: XCTestCase {
    private let integer = "http://www.w3.org/2001/XMLSchema#integer"

    /// Two :p triples in the graph :g, nothing else.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for object in ["a", "b"] {
                try add(Quad(.iri("http://ex/s"), .iri("http://ex/p"), .iri("http://ex/" + object), graph: .iri("http://ex/g")))
            }
        }
        return store
    }

    private func rows(_ store: Store, _ sparql: String) throws -> [[RDFTerm?]] {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return []
        }
        return Array(sequence(state: cursor) { $0.next() })
    }

    func testTheImplicitGroupOfNoSolutionsGivesOneSolution() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, """
            SELECT (COUNT(*) AS ?n) (SUM(?o) AS ?sum) (AVG(?o) AS ?avg) (MIN(?o) AS ?min) (GROUP_CONCAT(?o) AS ?all)
            WHERE { ?s :missing ?o }
            """), [[.literal("0", datatype: integer), .literal("0", datatype: integer), .literal("0", datatype: integer), nil, .literal("")]])
        XCTAssertEqual(try rows(store, "SELECT (COUNT(*) AS ?n) { ?s :p ?o FILTER(?o = :c) }"), [[.literal("0", datatype: integer)]])
        XCTAssertEqual(try rows(store, "SELECT (COUNT(*) AS ?n) { ?s :missing ?o } OFFSET 1"), [])
    }

    func testTheEmptyGroupIsASolutionLikeAnyOther() throws {
        let store = try makeStore()
        let zero = RDFTerm.literal("0", datatype: integer)
        XCTAssertEqual(try rows(store, "SELECT ((COUNT(*) + 1) AS ?n) { ?s :missing ?o }"), [[.literal("1", datatype: integer)]])
        XCTAssertEqual(try rows(store, "SELECT (COUNT(*) AS ?n) { ?s :missing ?o } HAVING (COUNT(*) > 0)"), [])
        XCTAssertEqual(try rows(store, "SELECT (COUNT(*) AS ?n) { ?s :missing ?o } HAVING (COUNT(*) = 0)"), [[zero]])
        // In a sub-SELECT: joined with every row, or, grouped, joined with none.
        XCTAssertEqual(try rows(store, "SELECT ?o ?n { GRAPH :g { ?s :p ?o } { SELECT (COUNT(*) AS ?n) { ?x :missing ?y } } } ORDER BY ?o"),
                       [[.iri("http://ex/a"), zero], [.iri("http://ex/b"), zero]])
        XCTAssertEqual(try rows(store, "SELECT ?o ?n { GRAPH :g { ?s :p ?o } { SELECT ?x (COUNT(*) AS ?n) { ?x :missing ?y } GROUP BY ?x } }"), [])
    }

    /// (The FILTERs keep the store's own count of one grouped pattern out, so rasqal groups.)
    func testGroupByOverNoSolutionsGivesNoGroups() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(*) AS ?n) { ?s :missing ?o FILTER(true) } GROUP BY ?s"), [])
        // The graph named by FROM holds no :p triple, although the store does.
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(*) AS ?n) FROM :other { ?s :p ?o FILTER(true) } GROUP BY ?s"), [])
    }

    func testARealGroupIsKeptEvenWhenItsKeyIsUnbound() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?k (COUNT(*) AS ?n) { ?s :p ?o OPTIONAL { ?s :missing ?k } } GROUP BY ?k"),
                       [[nil, .literal("2", datatype: integer)]])
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(*) AS ?n) FROM :g { ?s :p ?o FILTER(true) } GROUP BY ?s"),
                       [[.iri("http://ex/s"), .literal("2", datatype: integer)]])
    }
}
