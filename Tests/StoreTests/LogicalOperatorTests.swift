import RDFModel
import Store
import XCTest

/// `&&`, `||` and `!` over errors as SPARQL 1.1's truth table says (`rasqal_logical_operators.c`):
/// rasqal answered `E && F` with an error and `E && T` with false.
final class LogicalOperatorTests: XCTestCase {
    private let xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"

    func testTheTruthTableWithErrors() throws {
        let store = try Store(.memory)
        let error = "(1/0 = 1)"
        let expected: [(String, Bool?)] = [
            ("\(error) && true", nil), ("true && \(error)", nil), ("\(error) && false", false), ("false && \(error)", false),
            ("\(error) && \(error)", nil), ("\(error) || true", true), ("true || \(error)", true), ("\(error) || false", nil),
            ("!\(error)", nil), ("!(\(error) && false)", true), ("!(\(error) && true)", nil), ("(\(error) && false) || false", false),
            ("!(!(\(error) && false))", false), ("IF(\(error) && false, false, true)", true),
        ]
        for (expression, value) in expected {
            guard case .solutions(let cursor) = try store.query("SELECT (\(expression) AS ?v) {}"), let row = cursor.next() else {
                return XCTFail(expression)
            }
            XCTAssertEqual(row[0], value.map { .literal($0 ? "true" : "false", datatype: xsdBoolean) }, expression)
        }
    }

    /// The case that matters in practice: a condition over an OPTIONAL value, negated.
    func testANegatedConjunctionKeepsSolutionsWhereOneSideIsFalse() throws {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(.iri("http://e/a"), .iri("http://e/name"), .literal("A")))
            try add(Quad(.iri("http://e/b"), .iri("http://e/name"), .literal("B")))
            try add(Quad(.iri("http://e/b"), .iri("http://e/age"), .literal("40", datatype: "http://www.w3.org/2001/XMLSchema#integer")))
        }
        guard case .solutions(let cursor) = try store.query("""
            SELECT ?x { ?x <http://e/name> ?n OPTIONAL { ?x <http://e/age> ?age } FILTER(!(?age > 30 && ?n = "B")) }
            """) else { return XCTFail() }
        XCTAssertEqual(sequence(state: cursor) { $0.next()?[0] }.compactMap { $0 }, [.iri("http://e/a")])
    }
}
