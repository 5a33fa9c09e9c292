import Redland
import Store
import XCTest

/// `<`, `>`, `<=` and `>=` only between values SPARQL 1.1 compares (`rasqal_value_comparison.c`):
/// rasqal ordered a boolean against a number, an IRI against a number and a tagged string against
/// a simple one, and failed on a simple literal beside an xsd:string.
final class ValueComparisonTests: XCTestCase {
    func testOnlyComparableValuesAreOrdered() throws {
        let store = try Store(.memory)
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let expected: [(String, Bool?)] = [
            ("true <= 25", nil), ("0.0 > false", nil), ("<http://ex/a> < 12", nil), (#""a" < "b"@en"#, nil), (#""a" < 1"#, nil),
            (#""a"@en < "b"@EN"#, true), (#""a" < "b"^^<\#(xsd)string>"#, true), (#""B" < "a""#, true), (#""é" > "z""#, true),
            ("1 < 2.5", true), ("true > false", true), (#""2020-01-01"^^<\#(xsd)date> < "2021-01-01"^^<\#(xsd)date>"#, true),
            // Floats and doubles beside other numbers, as doubles; NaN is no order.
            (#""2.5"^^<\#(xsd)float> > 0"#, true), (#""2.5"^^<\#(xsd)float> > 0.0"#, true), (#"0 < "2.5"^^<\#(xsd)float>"#, true),
            (#""2.5"^^<\#(xsd)float> >= 3000000000"#, false), ("2.5e0 >= 2.5", true), (#"<\#(xsd)float>(0.1) > 0.1e0"#, true),
            // Beside a decimal, a float is compared as a float, as `=` compares them.
            (#"<\#(xsd)float>(0.1) > 0.1"#, false), (#"<\#(xsd)float>(0.1) <= 0.1"#, true),
            (#"1 <= "NaN"^^<\#(xsd)double>"#, nil), (#""NaN"^^<\#(xsd)double> >= 1"#, nil), (#""NaN"^^<\#(xsd)double> < "INF"^^<\#(xsd)double>"#, nil),
        ]
        for (comparison, value) in expected {
            let answer: QueryAnswer
            do { answer = try store.query("SELECT (\(comparison) AS ?v) {}") } catch { return XCTFail("\(comparison): \(error)") }
            guard case .solutions(let cursor) = answer, let row = cursor.next() else {
                return XCTFail(comparison)
            }
            XCTAssertEqual(row[0], value.map { .literal($0 ? "true" : "false", datatype: xsd + "boolean") }, comparison)
        }
    }
}
