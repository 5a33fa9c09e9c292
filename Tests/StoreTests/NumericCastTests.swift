import RDFModel
import SQLiteStorage
import XCTest

/// Casts among numbers and booleans, and of them to xsd:string, as XPath defines them
/// (`rasqal_numeric_cast.c`): rasqal 0.9.33 cast through the lexical form and failed most of them.
/// Computed doubles keep every digit they need (`rasqal_double_text.c`).
final class NumericCastTests: XCTestCase {
    private static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// The expression's value as "lexical^^type" (the type's local name), or "-" for an error.
    private func value(_ expression: String) throws -> String {
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
        XCTAssertEqual(try value("xsd:integer(2.5)"), "2^^integer")
        XCTAssertEqual(try value("xsd:integer(-2.5)"), "-2^^integer")
        XCTAssertEqual(try value("xsd:integer(\"-7.875\"^^xsd:float)"), "-7^^integer")
        XCTAssertEqual(try value("xsd:integer(1E0)"), "1^^integer")
        XCTAssertEqual(try value("xsd:integer(true)"), "1^^integer")
        XCTAssertEqual(try value("xsd:integer(\"NaN\"^^xsd:double)"), "-")
        XCTAssertEqual(try value("xsd:integer(\"1.5\")"), "-", "a string must be an integer's form")
    }

    func testNumbersToBooleansAreTrueUnlessZeroOrNaN() throws {
        XCTAssertEqual(try value("xsd:boolean(-1)"), "true^^boolean")
        XCTAssertEqual(try value("xsd:boolean(0.0)"), "false^^boolean")
        XCTAssertEqual(try value("xsd:boolean(\"1.25\"^^xsd:float)"), "true^^boolean")
        XCTAssertEqual(try value("xsd:boolean(0E1)"), "false^^boolean")
        XCTAssertEqual(try value("xsd:boolean(\"NaN\"^^xsd:double)"), "false^^boolean")
    }

    func testToDecimalsAndFloatingPoint() throws {
        XCTAssertEqual(try value("xsd:decimal(1E0)"), "1^^decimal")
        XCTAssertEqual(try value("xsd:decimal(1.5E-7)"), "0.00000015^^decimal")
        XCTAssertEqual(try value("xsd:decimal(-1.02E4)"), "-10200^^decimal")
        XCTAssertEqual(try value("xsd:decimal(\"0.1\"^^xsd:float)"), "0.1^^decimal", "the float's shortest form, not the double's")
        XCTAssertEqual(try value("xsd:decimal(false)"), "0^^decimal")
        XCTAssertEqual(try value("xsd:decimal(\"INF\"^^xsd:double)"), "-")
        XCTAssertEqual(try value("xsd:double(true) = 1.0E0"), "true^^boolean")
        XCTAssertEqual(try value("xsd:float(2.5) = 2.5E0"), "true^^boolean")
    }

    func testNumbersToStringsAreCanonical() throws {
        XCTAssertEqual(try value("xsd:string(1.0)"), "1^^string")
        XCTAssertEqual(try value("xsd:string(+033.3300)"), "33.33^^string")
        XCTAssertEqual(try value("xsd:string(1E0)"), "1^^string")
        XCTAssertEqual(try value("xsd:string(-1.5E2)"), "-150^^string")
        XCTAssertEqual(try value("xsd:string(1E6)"), "1.0E6^^string")
        XCTAssertEqual(try value("xsd:string(1.25E-7)"), "1.25E-7^^string")
        XCTAssertEqual(try value("xsd:string(\"-INF\"^^xsd:double)"), "-INF^^string")
        XCTAssertEqual(try value("xsd:string(\"0\"^^xsd:boolean)"), "false^^string")
        XCTAssertEqual(try value("xsd:string(\"007\"^^xsd:integer)"), "7^^string")
    }

    func testComputedDoublesKeepEveryDigit() throws {
        XCTAssertEqual(try value("0.7542528310788443e0 + 0"), "7.542528310788443E-1^^double", "rasqal cut it at the zero: 7.54252831E-1")
        XCTAssertEqual(try value("1.0e0 / 3"), "3.333333333333333E-1^^double")
        XCTAssertEqual(try value("2e0 * 0.5e0"), "1.0E0^^double")
        XCTAssertEqual(try value("-2.5e-300 * 1"), "-2.5E-300^^double")
        XCTAssertEqual(try value("STR(1.05e3 * 1)"), "1.05E3^^string")
    }
}
