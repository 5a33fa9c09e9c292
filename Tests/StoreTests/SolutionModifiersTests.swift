import RDFModel
@testable import SQLiteStorage
import XCTest

/// DISTINCT, ORDER BY on projected variables, LIMIT and OFFSET applied by the store
/// (`SolutionModifiers`): what is taken from the text, the order of terms (`SPARQLTermOrder`),
/// and the answers.
final class SolutionModifiersTests: XCTestCase {
    func testTheOrderIsTakenFromASelectsTextAndTheRestLeftAsWritten() throws {
        let query = "PREFIX : <http://e/>\nSELECT ?s (COUNT(?o) AS ?n) {\n ?s :p ?o\n} GROUP BY ?s\nORDER BY DESC(?n) ?s\nLIMIT 5 OFFSET 2"
        let detached = try XCTUnwrap(SolutionModifiers.detached(from: query))
        XCTAssertEqual(detached.modifiers.keys.map(\.variable), ["n", "s"])
        XCTAssertEqual(detached.modifiers.keys.map(\.descending), [true, false])
        XCTAssertEqual(detached.modifiers.limit, 5)
        XCTAssertEqual(detached.modifiers.offset, 2)
        XCTAssertFalse(detached.text.contains("ORDER") || detached.text.contains("LIMIT") || detached.text.contains("OFFSET"))
        XCTAssertEqual(detached.text.filter { $0 == "\n" }.count, query.filter { $0 == "\n" }.count, "line numbers kept")
        XCTAssertTrue(detached.text.contains("GROUP BY ?s"))

        for leftToRasqal in [
            "SELECT ?s (COUNT(?o) AS ?n) { ?s ?p ?o } GROUP BY ?s ORDER BY STR(?s)",  // an expression of a grouped query
            "SELECT * { ?s ?p ?o } ORDER BY STR(?s)",                       // no projection to add to
            "SELECT ?s { ?s ?p ?o } ORDER BY COUNT(?o)",                    // an aggregate would group the query
            "SELECT ?s { ?s ?p ?o } ORDER BY EXISTS { ?s ?p 1 }",
            "SELECT ?s { ?s ?p ?o } ORDER BY ?s VALUES ?s { <http://e/a> }", // a trailing VALUES
            "SELECT ?s { ?s ?p ?o } LIMIT 3",                               // no ORDER BY, no DISTINCT
            "SELECT DISTINCT ?s { ?s ?p ?o } VALUES ?s { <http://e/a> }",
            "ASK { SELECT ?s { ?s ?p ?o } ORDER BY ?s }",
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s",
        ] {
            XCTAssertNil(SolutionModifiers.detached(from: leftToRasqal), leftToRasqal)
        }
        XCTAssertNotNil(SolutionModifiers.detached(from: "SELECT * { ?s ?p ?o } ORDER BY ASC(?o)"))
        XCTAssertNotNil(SolutionModifiers.detached(from: "SELECT ?s { { SELECT ?s { ?s ?p ?o } ORDER BY ?o LIMIT 1 } } ORDER BY ?s"),
                        "a subquery keeps its own ORDER BY")
    }

    /// Expressions and variables outside the projection are projected under hidden names.
    func testOtherConditionsAreProjectedUnderHiddenNames() throws {
        let detached = try XCTUnwrap(SolutionModifiers.detached(from: "SELECT ?s { ?s ?p ?o } ORDER BY DESC(STRLEN(?o)) ?p (LCASE(?o)) LIMIT 2"))
        XCTAssertEqual(detached.modifiers.keys.map(\.variable), ["__coatt_order1", "__coatt_order2", "__coatt_order3"])
        XCTAssertEqual(detached.modifiers.keys.map(\.descending), [true, false, false])
        XCTAssertTrue(detached.text.contains("((STRLEN(?o)) AS ?__coatt_order1) (?p AS ?__coatt_order2) ((LCASE(?o)) AS ?__coatt_order3) {"),
                      detached.text)
        XCTAssertFalse(detached.text.contains("ORDER"))

        let database = try QuadDatabase(path: ":memory:")
        for (i, label) in ["bb", "a", "ccc", "dd"].enumerated() {
            _ = try database.insert(Quad(.iri("http://e/s\(i)"), .iri("http://e/label"), .literal(label)))
        }
        let engine = try RasqalEngine(database: database)
        guard case .solutions(let cursor) = try engine.query("SELECT ?s { ?s <http://e/label> ?l } ORDER BY DESC(STRLEN(?l)) ?l LIMIT 3")
        else { return XCTFail("no solutions") }
        XCTAssertEqual(cursor.variables, ["s"], "the hidden column is not shown")
        XCTAssertEqual(sequence(state: cursor) { $0.next() }.map { "\($0[0]!)" }, ["s2", "s0", "s3"].map { "\(RDFTerm.iri("http://e/" + $0))" })
    }

    func testDistinctIsTakenWithTheSliceAndLeavesAnOrderOfExpressionsToRasqal() throws {
        let plain = try XCTUnwrap(SolutionModifiers.detached(from: "SELECT DISTINCT ?s { ?s ?p ?o } LIMIT 3"))
        XCTAssertTrue(plain.modifiers.distinct)
        XCTAssertTrue(plain.modifiers.keys.isEmpty)
        XCTAssertEqual(plain.modifiers.limit, 3)
        XCTAssertFalse(plain.text.contains("DISTINCT") || plain.text.contains("LIMIT"))
        let byExpression = try XCTUnwrap(SolutionModifiers.detached(from: "SELECT REDUCED ?s (COUNT(?o) AS ?n) { ?s ?p ?o } GROUP BY ?s ORDER BY STR(?s) OFFSET 1 LIMIT 2"))
        XCTAssertTrue(byExpression.modifiers.distinct)
        XCTAssertTrue(byExpression.modifiers.keys.isEmpty)
        XCTAssertEqual(byExpression.modifiers.limit, 2)
        XCTAssertEqual(byExpression.modifiers.offset, 1)
        XCTAssertTrue(byExpression.text.contains("ORDER BY STR(?s)"), "rasqal still orders")
        XCTAssertFalse(byExpression.text.contains("LIMIT") || byExpression.text.contains("OFFSET"), "sliced after DISTINCT")
    }

    /// Rows in index order with repeats, as the store's scans give them: 300 subjects, 2 objects each.
    func testDistinctRowsInIndexOrderSlicedAfterwards() throws {
        let database = try QuadDatabase(path: ":memory:")
        _ = try database.insertAll { add in
            for i in 0..<300 {
                for k in 0..<2 { try add(Quad(.iri("http://e/s\(String(format: "%03d", i))"), .iri("http://e/p"), .literal("\(k)"))) }
            }
            // One text as one code point and as two: different terms, both kept.
            try add(Quad(.iri("http://e/x"), .iri("http://e/q"), .literal("\u{E9}")))
            try add(Quad(.iri("http://e/x"), .iri("http://e/q"), .literal("e\u{301}")))
        }
        let engine = try RasqalEngine(database: database)
        XCTAssertEqual(try engine.sortedAnswer("SELECT DISTINCT ?s { ?s <http://e/p> ?o }").rows.count, 300)
        XCTAssertEqual(try engine.sortedAnswer("SELECT DISTINCT ?o { ?s <http://e/q> ?o }").rows.count, 2)
        let sliced = try engine.sortedAnswer("SELECT DISTINCT ?s { ?s <http://e/p> ?o } ORDER BY DESC(?s) LIMIT 5 OFFSET 298")
        XCTAssertEqual(sliced.rows, ["s000", "s001"].map { "\(RDFTerm.iri("http://e/" + $0))" })
        XCTAssertEqual(try engine.sortedAnswer("SELECT DISTINCT ?s { ?s <http://e/p> ?o } OFFSET 290 LIMIT 20").rows.count, 10)
        // A small LIMIT keeps the first rows as they are read instead of sorting all 600.
        guard case .solutions(let top) = try engine.query("SELECT ?s ?o { ?s <http://e/p> ?o } ORDER BY DESC(?o) ?s LIMIT 3")
        else { return XCTFail("no solutions") }
        XCTAssertEqual(sequence(state: top) { $0.next() }.map { "\($0[0]!)" }, ["s000", "s001", "s002"].map { "\(RDFTerm.iri("http://e/" + $0))" })
        XCTAssertEqual(try engine.sortedAnswer("SELECT ?s { ?s <http://e/p> ?o } ORDER BY ?s LIMIT 0").rows, [])
    }

    func testTermsInSPARQLOrder() {
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let ascending: [RDFTerm?] = [
            nil, .blank("b"), .iri("http://e/a"), .iri("http://e/b"),
            .literal("2", datatype: xsd + "integer"), .literal("10", datatype: xsd + "integer"), .literal("10.5", datatype: xsd + "decimal"),
            .literal("INF", datatype: xsd + "double"), .literal("NaN", datatype: xsd + "double"),
            .literal("false", datatype: xsd + "boolean"), .literal("true", datatype: xsd + "boolean"),
            .literal("B"), .literal("a"), .literal("a", language: "en"), .literal("b", language: "de"), .literal("c"), .literal("é"),
            .literal("x", datatype: "http://e/type"),
        ]
        for (i, a) in ascending.enumerated() {
            for (j, b) in ascending.enumerated() {
                let order = SPARQLTermOrder.compare(a, b)
                XCTAssertEqual(order.signum(), (i - j).signum(), "\(String(describing: a)) against \(String(describing: b))")
            }
        }
        XCTAssertEqual(SPARQLTermOrder.compare(.literal("1", datatype: xsd + "integer"), .literal("1.0", datatype: xsd + "double")), 0)
        // Code points, not canonical equivalence: é as one scalar and as e + combining accent differ.
        XCTAssertNotEqual(SPARQLTermOrder.compare(.literal("\u{E9}"), .literal("e\u{301}")), 0)
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
