import RDFModel
import Store
import XCTest

/// SUM, AVG, MIN and MAX over values of more than one kind (`rasqal_aggregate_functions.c`),
/// which rasqal 0.9.33 alone got wrong: SUM of one non-number gave it back and AVG 0, AVG divided
/// by solutions without a value too, and MIN and MAX gave nothing when two values' kinds differ.
final class SetFunctionTests: XCTestCase {
    private let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// Each subject's values of :v, as in the Turtle `values`.
    private func makeStore(_ values: [(String, RDFTerm)]) throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for (subject, value) in values { try add(Quad(.iri("http://ex/" + subject), .iri("http://ex/v"), value)) }
        }
        return store
    }

    /// One row per subject (in order): each projected value's lexical form or IRI, "-" for unbound.
    private func rows(_ store: Store, _ projection: String) throws -> [String] {
        guard case .solutions(let cursor) = try store.query(
            "SELECT ?s \(projection) { ?s <http://ex/v> ?v } GROUP BY ?s ORDER BY ?s") else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { row in
            row.dropFirst().map { $0.map { term in term.value } ?? "-" }.joined(separator: " ")
        }
    }

    private func integer(_ value: Int) -> RDFTerm { .literal(String(value), datatype: xsd + "integer") }

    func testSumAndAverageOfANonNumberAreErrors() throws {
        let store = try makeStore([("a", .literal("x")), ("b", integer(3)), ("b", .literal("y")), ("c", integer(3)), ("c", integer(1))])
        XCTAssertEqual(try rows(store, "(SUM(?v) AS ?sum) (AVG(?v) AS ?average)"), ["- -", "- -", "4 2.0"])
    }

    /// Solutions whose argument has no value are left out of the sum and of the count it is divided by.
    /// COUNT counts bound values only: rasqal counted an expression that gives an unbound
    /// variable (`IF(…, ?unbound)`), once per solution, and once for COUNT(DISTINCT).
    func testCountOfAnExpressionCountsOnlyItsValues() throws {
        let store = try makeStore([("a", integer(1)), ("a", integer(2)), ("b", .literal("x"))])
        XCTAssertEqual(try rows(store, "(COUNT(IF(isNumeric(?v), ?v, ?none)) AS ?n) (COUNT(DISTINCT IF(false, 1, ?none)) AS ?d)"),
                       ["2 0", "0 0"])
    }

    func testAverageDividesByTheValuesItAdds() throws {
        let store = try makeStore([("a", integer(2)), ("b", integer(1))])
        guard case .solutions(let cursor) = try store.query(
            "SELECT (AVG(?n) AS ?average) (SUM(?n) AS ?sum) (COUNT(?n) AS ?count) (COUNT(*) AS ?all) "
                + "{ ?s <http://ex/v> ?v OPTIONAL { ?s <http://ex/v> ?n FILTER(?n > 1) } }") else { return XCTFail() }
        XCTAssertEqual(sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" } }, [["2.0", "2", "1", "2"]])
    }

    /// A group whose values are all unbound has no sum and no mean (SQL: NULL); only the group of
    /// no solutions at all sums to 0.
    func testSumAndAverageOfOnlyUnboundValuesAreUnbound() throws {
        let store = try makeStore([("a", integer(2)), ("b", .literal("x"))])
        guard case .solutions(let cursor) = try store.query(
            "SELECT ?s (SUM(?n) AS ?sum) (AVG(?n) AS ?average) (COUNT(?n) AS ?count) "
                + "{ ?s <http://ex/v> ?v OPTIONAL { ?s <http://ex/v> ?n FILTER(isNumeric(?n)) } } GROUP BY ?s ORDER BY ?s") else { return XCTFail() }
        XCTAssertEqual(sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" } },
                       [["http://ex/a", "2", "2.0", "1"], ["http://ex/b", "-", "-", "0"]])
    }

    func testMinimumAndMaximumAcrossKinds() throws {
        let store = try makeStore([
            ("a", integer(2)), ("a", .literal("y")), ("a", .iri("http://ex/iri")),
            ("b", .literal("2020-01-01", datatype: xsd + "date")), ("b", integer(4)),
            ("c", .blank("b1")), ("c", .iri("http://ex/z")),
            ("d", .literal("b", language: "en")), ("d", .literal("a")),
            ("e", integer(2_000_000_000)), ("e", .literal("3000000000", datatype: xsd + "integer")),
        ])
        XCTAssertEqual(try rows(store, "(MIN(?v) AS ?min) (MAX(?v) AS ?max)"), [
            "http://ex/iri y", "4 2020-01-01", "b1 http://ex/z", "a b", "2000000000 3000000000",
        ])
    }

    /// The order values come in does not change which one MIN and MAX choose.
    func testMinimumAndMaximumDoNotDependOnArrivalOrder() throws {
        let values: [RDFTerm] = [integer(5), .literal("5"), .literal("true", datatype: xsd + "boolean"), .literal("x", datatype: "http://ex/t")]
        var answers: Set<String> = []
        for rotation in values.indices {
            let rotated = Array(values[rotation...] + values[..<rotation])
            guard case .solutions(let cursor) = try Store(.memory).query(
                "SELECT (MIN(?v) AS ?min) (MAX(?v) AS ?max) { VALUES ?v { \(rotated.map(\.ntriples).joined(separator: " ")) } }")
            else { return XCTFail() }
            answers.insert(sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" }.joined(separator: " ") }.joined())
        }
        XCTAssertEqual(answers, ["5 x"])
    }

    func testEmptyGroupValues() throws {
        guard case .solutions(let cursor) = try Store(.memory).query(
            "SELECT (SUM(?v) AS ?sum) (AVG(?v) AS ?a) (MIN(?v) AS ?min) (MAX(?v) AS ?max) (SAMPLE(?v) AS ?x) (COUNT(?v) AS ?n) { ?s ?p ?v }")
        else { return XCTFail() }
        XCTAssertEqual(sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" } }, [["0", "0", "-", "-", "-", "0"]])
    }
}
