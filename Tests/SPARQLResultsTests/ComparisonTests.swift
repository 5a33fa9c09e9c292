import RDFModel
import SPARQLResults
import XCTest

final class ComparisonTests: XCTestCase {
    private func table(_ variables: [String], _ rows: [[RDFTerm?]]) -> QueryOutcome {
        .solutions(SolutionTable(variables: variables, rows: rows))
    }

    func testBlankNodesMatchUpToConsistentRenaming() {
        let expected = table(["x", "y"], [[.blank("a"), .blank("b")], [.blank("b"), .iri("http://e/1")]])
        let renamed = table(["x", "y"], [[.blank("q"), .iri("http://e/1")], [.blank("p"), .blank("q")]])
        XCTAssertTrue(resultsEqual(expected, renamed, ordered: false))
        // Same shape, but the second row's blank node is not the one from the first row.
        let unshared = table(["x", "y"], [[.blank("p"), .blank("q")], [.blank("r"), .iri("http://e/1")]])
        XCTAssertFalse(resultsEqual(expected, unshared, ordered: false))
        XCTAssertEqual(resultsDifference(expected: expected, actual: unshared), "solutions differ only in which blank nodes are shared")
        // Two labels may not map onto one.
        XCTAssertFalse(resultsEqual(table(["x"], [[.blank("a")], [.blank("b")]]), table(["x"], [[.blank("c")], [.blank("c")]]), ordered: false))
    }

    func testMultisetVersusOrdered() {
        let one = table(["x"], [[.iri("http://e/1")], [.iri("http://e/2")], [.iri("http://e/1")]])
        let shuffled = table(["x"], [[.iri("http://e/2")], [.iri("http://e/1")], [.iri("http://e/1")]])
        XCTAssertTrue(resultsEqual(one, shuffled, ordered: false))
        XCTAssertFalse(resultsEqual(one, shuffled, ordered: true))
        XCTAssertEqual(resultsDifference(expected: one, actual: shuffled, options: ComparisonOptions(ordered: true)),
                       "the same solutions in a different order; solution 1 differs: expected { ?x=<http://e/1> }, got { ?x=<http://e/2> }")
        let fewerDuplicates = table(["x"], [[.iri("http://e/1")], [.iri("http://e/2")]])
        XCTAssertFalse(resultsEqual(one, fewerDuplicates, ordered: false), "multiplicity matters")
        XCTAssertNil(resultsDifference(expected: one, actual: fewerDuplicates, options: ComparisonOptions(laxCardinality: true)))
    }

    func testVariablesAreASetAndColumnsFollowThem() {
        let xy = table(["x", "y"], [[.iri("http://e/1"), nil]])
        let yx = table(["y", "x"], [[nil, .iri("http://e/1")]])
        XCTAssertTrue(resultsEqual(xy, yx, ordered: true))
        XCTAssertEqual(resultsDifference(expected: xy, actual: table(["x"], [[.iri("http://e/1")]])),
                       "variables differ: expected [\"x\", \"y\"], got [\"x\"] (1 solution expected, 1 got)")
    }

    func testLiteralEquality() {
        XCTAssertTrue(resultsEqual(table(["x"], [[.literal("a", language: "en-US")]]), table(["x"], [[.literal("a", language: "EN-us")]]), ordered: false))
        XCTAssertTrue(resultsEqual(table(["x"], [[.literal("a")]]), table(["x"], [[.literal("a", datatype: Fixture.xsd + "string")]]), ordered: false))
        XCTAssertFalse(resultsEqual(table(["x"], [[.literal("1", datatype: Fixture.xsd + "integer")]]), table(["x"], [[.literal("01", datatype: Fixture.xsd + "integer")]]), ordered: false))
        XCTAssertFalse(resultsEqual(table(["x"], [[.literal("a")]]), table(["x"], [[.literal("a", language: "en")]]), ordered: false))
        XCTAssertFalse(resultsEqual(table(["x"], [[.literal("a")]]), table(["x"], [[nil]]), ordered: false))
    }

    func testMissingAndUnexpectedRowsAreNamed() {
        XCTAssertEqual(resultsDifference(expected: table(["n"], [[.literal("1", datatype: Fixture.xsd + "integer")]]),
                                         actual: table(["n"], [[.literal("1.0", datatype: Fixture.xsd + "decimal")]])),
                       "solutions differ; missing { ?n=\"1\"^^xsd:integer }; unexpected { ?n=\"1.0\"^^xsd:decimal }")
        let difference = resultsDifference(expected: table(["x"], [[.literal("a")], [.literal("b")]]),
                                           actual: table(["x"], [[.literal("a")]]))
        XCTAssertEqual(difference, "expected 2 solutions, got 1; missing { ?x=\"b\" }")
        XCTAssertEqual(resultsDifference(expected: .boolean(true), actual: table(["x"], [])), "expected a boolean (true), got solutions (0)")
    }

    func testCSVFidelityComparesRenderedText() throws {
        let csv = try CSVResultsReader.read("x,y\r\nhttp://e/a,4.5\r\n_:c,\r\n")
        let actual = table(["x", "y"], [
            [.iri("http://e/a"), .literal("4.5", datatype: Fixture.xsd + "decimal")],
            [.blank("z"), .literal("")],
        ])
        let csvOptions = ComparisonOptions(fidelity: .csv)
        XCTAssertNil(resultsDifference(expected: .solutions(csv), actual: actual, options: csvOptions))
        XCTAssertNotNil(resultsDifference(expected: .solutions(csv), actual: actual), "exact comparison sees the lost types")
        let wrong = table(["x", "y"], [[.iri("http://e/b"), .literal("4.5")], [.blank("z"), nil]])
        XCTAssertNotNil(resultsDifference(expected: .solutions(csv), actual: wrong, options: csvOptions))
    }

    func testTSVFidelityComparesDoublesByValue() throws {
        let tsv = try TSVResultsReader.read("?x\n1.0e6\n")
        let actual = table(["x"], [[.literal("1.0E6", datatype: Fixture.xsd + "double")]])
        XCTAssertNil(resultsDifference(expected: .solutions(tsv), actual: actual, options: ComparisonOptions(fidelity: .tsv)))
        XCTAssertNotNil(resultsDifference(expected: .solutions(tsv), actual: actual))
    }

    func testGraphsCompareUpToIsomorphismAsSets() {
        let p = RDFTerm.iri("http://e/p")
        let expected: QueryOutcome = .graph([Quad(.blank("a"), p, .blank("b")), Quad(.blank("b"), p, .literal("x"))])
        let isomorphic: QueryOutcome = .graph([Quad(.blank("n2"), p, .literal("x")), Quad(.blank("n1"), p, .blank("n2")),
                                               Quad(.blank("n1"), p, .blank("n2"))])
        XCTAssertTrue(resultsEqual(expected, isomorphic, ordered: false))
        let chainBroken: QueryOutcome = .graph([Quad(.blank("n1"), p, .blank("n2")), Quad(.blank("n3"), p, .literal("x"))])
        XCTAssertFalse(resultsEqual(expected, chainBroken, ordered: false))
        XCTAssertEqual(resultsDifference(expected: expected, actual: .graph([Quad(.blank("n1"), p, .blank("n2"))])),
                       "expected 2 triples, got 1; missing _:b <http://e/p> \"x\" .")
    }

    func testDecodesResultSetVocabulary() throws {
        let rs = RDFResultSetReader.namespace
        func q(_ s: RDFTerm, _ p: String, _ o: RDFTerm) -> Quad { Quad(s, .iri(p), o) }
        let quads = [
            q(.blank("rs"), Vocabulary.rdfType, .iri(rs + "ResultSet")),
            q(.blank("rs"), rs + "resultVariable", .literal("x")),
            q(.blank("rs"), rs + "solution", .blank("s2")),
            q(.blank("rs"), rs + "solution", .blank("s1")),
            q(.blank("s1"), rs + "index", .literal("1", datatype: Fixture.xsd + "integer")),
            q(.blank("s1"), rs + "binding", .blank("b1")),
            q(.blank("b1"), rs + "variable", .literal("x")),
            q(.blank("b1"), rs + "value", .iri("http://e/first")),
            q(.blank("s2"), rs + "index", .literal("2", datatype: Fixture.xsd + "integer")),
        ]
        XCTAssertEqual(try RDFResultSetReader.read(quads), .solutions(SolutionTable(variables: ["x"], rows: [[.iri("http://e/first")], [nil]])))
        XCTAssertEqual(try RDFResultSetReader.read([q(.blank("r"), Vocabulary.rdfType, .iri(rs + "ResultSet")),
                                                    q(.blank("r"), rs + "boolean", .literal("true", datatype: Fixture.xsd + "boolean"))]), .boolean(true))
        XCTAssertNil(try RDFResultSetReader.read([q(.iri("http://e/a"), "http://e/p", .literal("x"))]))
    }
}
