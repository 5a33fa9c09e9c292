import RDFModel
import SQLiteStorage
import XCTest

/// Casts among numbers and booleans, and of them to xsd:string, as XPath defines them
/// (`rasqal_numeric_cast.c`): rasqal 0.9.33 cast through the lexical form and failed most of them.
final class NumericCastTests: XCTestCase {
    private static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// The cast's value as "lexical^^type" (the type's local name), or "-" for an error.
    private func cast(_ expression: String) throws -> String {
        let engine = try RasqalEngine.holding([])
        guard case .solutions(let cursor) = try engine.query("PREFIX xsd: <\(Self.xsd)> SELECT (\(expression) AS ?v) {}"),
              let row = cursor.next() else { return "no solution" }
        switch row[0] {
        case .literal(let lexical, nil, let datatype)?:
            return lexical + "^^" + (datatype.map { String($0.dropFirst(Self.xsd.count)) } ?? "string")
        case let term?: return "\(term)"
        case nil: return "-"
        }
    }

    func testNumbersToIntegersTruncate() throws {
        XCTAssertEqual(try cast("xsd:integer(2.5)"), "2^^integer")
        XCTAssertEqual(try cast("xsd:integer(-2.5)"), "-2^^integer")
        XCTAssertEqual(try cast("xsd:integer(\"-7.875\"^^xsd:float)"), "-7^^integer")
        XCTAssertEqual(try cast("xsd:integer(1E0)"), "1^^integer")
        XCTAssertEqual(try cast("xsd:integer(true)"), "1^^integer")
        XCTAssertEqual(try cast("xsd:integer(\"NaN\"^^xsd:double)"), "-")
        XCTAssertEqual(try cast("xsd:integer(\"1.5\")"), "-", "a string must be an integer's form")
    }

    func testNumbersToBooleansAreTrueUnlessZeroOrNaN() throws {
        XCTAssertEqual(try cast("xsd:boolean(-1)"), "true^^boolean")
        XCTAssertEqual(try cast("xsd:boolean(0.0)"), "false^^boolean")
        XCTAssertEqual(try cast("xsd:boolean(\"1.25\"^^xsd:float)"), "true^^boolean")
        XCTAssertEqual(try cast("xsd:boolean(0E1)"), "false^^boolean")
        XCTAssertEqual(try cast("xsd:boolean(\"NaN\"^^xsd:double)"), "false^^boolean")
    }

    func testToDecimalsAndFloatingPoint() throws {
        XCTAssertEqual(try cast("xsd:decimal(1E0)"), "1^^decimal")
        XCTAssertEqual(try cast("xsd:decimal(1.5E-7)"), "0.00000015^^decimal")
        XCTAssertEqual(try cast("xsd:decimal(-1.02E4)"), "-10200^^decimal")
        XCTAssertEqual(try cast("xsd:decimal(\"0.1\"^^xsd:float)"), "0.1^^decimal", "the float's shortest form, not the double's")
        XCTAssertEqual(try cast("xsd:decimal(false)"), "0^^decimal")
        XCTAssertEqual(try cast("xsd:decimal(\"INF\"^^xsd:double)"), "-")
        XCTAssertEqual(try cast("xsd:double(true) = 1.0E0"), "true^^boolean")
        XCTAssertEqual(try cast("xsd:float(2.5) = 2.5E0"), "true^^boolean")
    }

    func testNumbersToStringsAreCanonical() throws {
        XCTAssertEqual(try cast("xsd:string(1.0)"), "1^^string")
        XCTAssertEqual(try cast("xsd:string(+033.3300)"), "33.33^^string")
        XCTAssertEqual(try cast("xsd:string(1E0)"), "1^^string")
        XCTAssertEqual(try cast("xsd:string(-1.5E2)"), "-150^^string")
        XCTAssertEqual(try cast("xsd:string(1E6)"), "1.0E6^^string")
        XCTAssertEqual(try cast("xsd:string(1.25E-7)"), "1.25E-7^^string")
        XCTAssertEqual(try cast("xsd:string(\"-INF\"^^xsd:double)"), "-INF^^string")
        XCTAssertEqual(try cast("xsd:string(\"0\"^^xsd:boolean)"), "false^^string")
        XCTAssertEqual(try cast("xsd:string(\"007\"^^xsd:integer)"), "7^^string")
    }
}
