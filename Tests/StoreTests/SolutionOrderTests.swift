import RDFModel
@testable import SQLiteStorage
import XCTest

/// ORDER BY on projected variables, LIMIT and OFFSET applied by the store (`SolutionOrder`):
/// what is taken from the text, the order of terms, and the answers of a grouped query.
final class SolutionOrderTests: XCTestCase {
    func testTheOrderIsTakenFromASelectsTextAndTheRestLeftAsWritten() throws {
        let query = "PREFIX : <http://e/>\nSELECT ?s (COUNT(?o) AS ?n) {\n ?s :p ?o\n} GROUP BY ?s\nORDER BY DESC(?n) ?s\nLIMIT 5 OFFSET 2"
        let detached = try XCTUnwrap(SolutionOrder.detached(from: query))
        XCTAssertEqual(detached.order.keys.map(\.variable), ["n", "s"])
        XCTAssertEqual(detached.order.keys.map(\.descending), [true, false])
        XCTAssertEqual(detached.order.limit, 5)
        XCTAssertEqual(detached.order.offset, 2)
        XCTAssertFalse(detached.text.contains("ORDER") || detached.text.contains("LIMIT") || detached.text.contains("OFFSET"))
        XCTAssertEqual(detached.text.filter { $0 == "\n" }.count, query.filter { $0 == "\n" }.count, "line numbers kept")
        XCTAssertTrue(detached.text.contains("GROUP BY ?s"))

        for leftToRasqal in [
            "SELECT ?s { ?s ?p ?o } ORDER BY STR(?s)",                      // an expression
            "SELECT ?s { ?s ?p ?o } ORDER BY ?o",                           // not projected
            "SELECT ?s { ?s ?p ?o } ORDER BY ?s VALUES ?s { <http://e/a> }", // a trailing VALUES
            "SELECT ?s { ?s ?p ?o } LIMIT 3",                               // no ORDER BY
            "ASK { SELECT ?s { ?s ?p ?o } ORDER BY ?s }",
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s",
        ] {
            XCTAssertNil(SolutionOrder.detached(from: leftToRasqal), leftToRasqal)
        }
        XCTAssertNotNil(SolutionOrder.detached(from: "SELECT * { ?s ?p ?o } ORDER BY ASC(?o)"))
        XCTAssertNotNil(SolutionOrder.detached(from: "SELECT ?s { { SELECT ?s { ?s ?p ?o } ORDER BY ?o LIMIT 1 } } ORDER BY ?s"),
                        "a subquery keeps its own ORDER BY")
    }

    func testTermsInSPARQLOrder() {
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let ascending: [RDFTerm?] = [
            nil, .blank("b"), .iri("http://e/a"), .iri("http://e/b"),
            .literal("2", datatype: xsd + "integer"), .literal("10", datatype: xsd + "integer"), .literal("10.5", datatype: xsd + "decimal"),
            .literal("false", datatype: xsd + "boolean"), .literal("true", datatype: xsd + "boolean"),
            .literal("B"), .literal("a"), .literal("é"),
            .literal("a", language: "en"), .literal("b", language: "de"),
            .literal("x", datatype: "http://e/type"),
        ]
        for (i, a) in ascending.enumerated() {
            for (j, b) in ascending.enumerated() {
                let order = SolutionOrder.compare(a, b)
                XCTAssertEqual(order.signum(), (i - j).signum(), "\(String(describing: a)) against \(String(describing: b))")
            }
        }
        XCTAssertEqual(SolutionOrder.compare(.literal("1", datatype: xsd + "integer"), .literal("1.0", datatype: xsd + "double")), 0)
        // Code points, not canonical equivalence: é as one scalar and as e + combining accent differ.
        XCTAssertNotEqual(SolutionOrder.compare(.literal("\u{E9}"), .literal("e\u{301}")), 0)
    }

    /// 60 subjects with 1, 2 or 3 objects: groups that arrive in key order, counts mostly tied.
    func testAGroupedQueryOrderedByCountThenKeyWithLimitAndOffset() throws {
        let database = try QuadDatabase(path: ":memory:")
        for i in 0..<60 {
            for k in 0...(i % 3) {
                _ = try database.insert(Quad(.iri("http://e/s\(String(format: "%02d", i))"), .iri("http://e/p"), .literal("\(k)")))
            }
        }
        let engine = try RasqalEngine(database: database)
        let query = "SELECT ?s (COUNT(?o) AS ?n) { ?s <http://e/p> ?o } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 4 OFFSET 19"
        guard case .solutions(let cursor) = try engine.query(query) else { return XCTFail("no solutions") }
        let rows = sequence(state: cursor) { $0.next() }.map { row in row.map { "\($0!)" } }
        // 20 subjects have 3 objects (02, 05, …, 59): the 20th of them, then the first three with 2.
        let expected = [("59", 3), ("01", 2), ("04", 2), ("07", 2)].map { name, count in
            ["\(RDFTerm.iri("http://e/s" + name))", "\(RDFTerm.literal(String(count), datatype: Vocabulary.xsdInteger))"]
        }
        XCTAssertEqual(rows, expected)
    }
}
