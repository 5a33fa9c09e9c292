import Store
import XCTest

/// ROUND, CEIL, FLOOR, ABS, negation and division of doubles and floats as XPath defines them
/// (`rasqal_floating_functions.c`): rasqal refused values below 1 in size, rounded halves away
/// from zero, and refused a division by zero. NaN equals nothing (`rasqal_value_equality.c`).
final class FloatingFunctionTests: XCTestCase {
    func testRoundingAndDivisionOfDoubles() throws {
        let store = try Store(.memory)
        let expected: [(String, String?)] = [
            ("ROUND(0.3e0)", "0.0E0"), ("CEIL(0.5e0)", "1.0E0"), ("FLOOR(-0.5e0)", "-1.0E0"), ("ROUND(-2.5e0)", "-2.0E0"),
            ("ROUND(2.5e0)", "3.0E0"), ("ROUND(0.49999999999999994e0)", "0.0E0"), ("1e0 / 0", "INF"), ("-1.5e0 / 0.0", "-INF"),
            ("0e0 / 0", "NaN"), ("1 / 0", nil), ("1.0 / 0", nil), ("ROUND(2.5)", "3.0"), ("7e0 / 2", "3.5E0"),
            ("ABS(-0.5e0)", "5.0E-1"), ("-(0.5e0)", "-5.0E-1"), ("1 / 0.5e0", "2.0E0"), ("ABS(-3)", "3"),
            ("\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double> = \"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>", "false"),
            ("\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double> != \"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>", "true"),
            ("sameTerm(\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>, \"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>)", "true"),
            ("0.1e0 + 0.2e0 = 0.3e0", "false"), ("0.5e0 = 0.5", "true"), ("<http://www.w3.org/2001/XMLSchema#float>(0.1) = 0.1", "true"),
            ("<http://www.w3.org/2001/XMLSchema#float>(0.1) = 0.1e0", "false"),
        ]
        for (expression, value) in expected {
            guard case .solutions(let cursor) = try store.query("SELECT (\(expression) AS ?v) {}"), let row = cursor.next() else {
                return XCTFail(expression)
            }
            XCTAssertEqual(row[0]?.value, value, expression)
        }
    }

    /// A computed float is rounded to float precision and written with a float's digits
    /// (`rasqal_double_text.c`); rasqal wrote it as a double.
    func testComputedFloatsHaveAFloatsDigits() throws {
        let store = try Store(.memory)
        let float = "<http://www.w3.org/2001/XMLSchema#float>"
        for (expression, text) in [("\(float)(0.1)", "1.0E-1"), ("\(float)(0.1) * 3", "3.0E-1"), ("\(float)(1) / 3", "3.3333334E-1")] {
            guard case .solutions(let cursor) = try store.query("SELECT (\(expression) AS ?v) {}"), let row = cursor.next() else {
                return XCTFail(expression)
            }
            XCTAssertEqual(row[0], .literal(text, datatype: "http://www.w3.org/2001/XMLSchema#float"), expression)
        }
    }
}
