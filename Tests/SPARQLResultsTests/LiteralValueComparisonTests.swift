import RDFModel
import SPARQLResults
import XCTest

/// `ComparisonOptions.literalsByValue`: XSD numbers and booleans of one datatype compare by value,
/// as the W3C SPARQL test suites compare literals; anything else still by its lexical form.
final class LiteralValueComparisonTests: XCTestCase {
    private static let xsd = "http://www.w3.org/2001/XMLSchema#"
    private let byValue = ComparisonOptions(literalsByValue: true)

    private func same(_ a: String, _ b: String, _ type: String, options: ComparisonOptions? = nil) -> Bool {
        let table = { (lexical: String) in
            QueryOutcome.solutions(SolutionTable(variables: ["v"], rows: [[.literal(lexical, datatype: Self.xsd + type)]]))
        }
        return resultsDifference(expected: table(a), actual: table(b), options: options ?? byValue) == nil
    }

    func testNumbersCompareByValueWithinTheirDatatype() {
        XCTAssertTrue(same("6", "6.0", "decimal"))
        XCTAssertTrue(same("+33.3300", "33.33", "decimal"))
        XCTAssertTrue(same("-0.0", "0", "decimal"))
        XCTAssertTrue(same(".5", "0.50", "decimal"))
        XCTAssertTrue(same("01", "1", "integer"))
        XCTAssertTrue(same("-007", "-7", "long"))
        XCTAssertTrue(same("1050", "1.05E3", "double"))
        XCTAssertTrue(same("2.0E-1", "2E-1", "double"))
        XCTAssertTrue(same("-10.2E3", "-1.02E4", "float"))
        XCTAssertTrue(same("1.1", "1.10000002", "float"), "the same float")
        XCTAssertTrue(same("INF", "+INF", "double"))
        XCTAssertFalse(same("1.1", "1.10000002", "double"), "not the same double")
        XCTAssertFalse(same("6", "6.01", "decimal"))
        XCTAssertFalse(same("-1", "1", "integer"))
    }

    func testBooleansCompareByValue() {
        XCTAssertTrue(same("0", "false", "boolean"))
        XCTAssertTrue(same("1", "true", "boolean"))
        XCTAssertFalse(same("1", "false", "boolean"))
    }

    func testInvalidFormsAndOtherDatatypesCompareCharacterByCharacter() {
        XCTAssertFalse(same("1.5", "1.50", "string"))
        XCTAssertFalse(same("1e0", "1", "decimal"), "not a decimal form")
        XCTAssertTrue(same("abc", "abc", "decimal"))
        XCTAssertFalse(same("inf", "INF", "double"), "XSD spells it INF")
    }

    func testTheDefaultIsTermEquality() {
        XCTAssertFalse(same("6", "6.0", "decimal", options: ComparisonOptions()))
    }
}
