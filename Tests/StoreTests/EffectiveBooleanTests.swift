import Store
import XCTest

/// The effective boolean value of numbers (`rasqal_effective_boolean.c`): rasqal made a decimal's
/// a type error, a tiny double's false, and an invalid number's a type error.
final class EffectiveBooleanTests: XCTestCase {
    func testEveryNumberHasAnEffectiveBooleanValue() throws {
        let store = try Store(.memory)
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let expected: [(String, Bool)] = [
            ("0.0", false), ("1.5", true), ("-0.25", true), ("0", false), ("7", true), ("0e0", false), ("1e-300", true),
            ("\"NaN\"^^<\(xsd)double>", false), ("\"3000000000\"^^<\(xsd)integer>", true), ("\"abc\"^^<\(xsd)integer>", false),
            ("\"maybe\"^^<\(xsd)boolean>", false), ("\"\"", false), ("\"a\"", true),
        ]
        for (value, truth) in expected {
            guard case .boolean(let kept) = try store.query("ASK { FILTER(\(value)) }"),
                  case .boolean(let negated) = try store.query("ASK { FILTER(!\(value)) }") else { return XCTFail(value) }
            XCTAssertEqual(kept, truth, value)
            XCTAssertEqual(negated, !truth, value)
        }
        // A literal of a datatype the store does not know has none: both FILTERs fail.
        guard case .boolean(let unknown) = try store.query(#"ASK { FILTER("x"^^<http://e/t> || !"x"^^<http://e/t>) }"#) else { return XCTFail() }
        XCTAssertFalse(unknown)
    }
}
