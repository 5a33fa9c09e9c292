import RDFModel
import SQLiteStorage
import XCTest

/// `=` and `!=` between a boolean and a number are a type error (`rasqal_value_equality.c`):
/// rasqal 0.9.33 promoted the boolean, so `FILTER(?v = 1)` matched "true"^^xsd:boolean.
final class BooleanNumberEqualityTests: XCTestCase {
    func testBooleansAreNotNumbers() throws {
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let values: [(String, RDFTerm)] = [
            ("int", .literal("1", datatype: xsd + "integer")), ("dec", .literal("1.0", datatype: xsd + "decimal")),
            ("true", .literal("true", datatype: xsd + "boolean")), ("one", .literal("1", datatype: xsd + "boolean")),
        ]
        let engine = try RasqalEngine.holding(values.map { Quad(.iri("http://ex/" + $0.0), .iri("http://ex/p"), $0.1) })
        let subjects = { (filter: String) in
            try engine.sortedAnswer("SELECT ?s { ?s <http://ex/p> ?v FILTER(\(filter)) }").rows.map { $0.replacingOccurrences(of: "http://ex/", with: "") }
        }
        XCTAssertEqual(try subjects("?v = 1"), ["iri(\"dec\")", "iri(\"int\")"].sorted())
        XCTAssertEqual(try subjects("?v = true"), ["iri(\"one\")", "iri(\"true\")"].sorted())
        XCTAssertEqual(try subjects("?v != 1"), [], "an error, not true, for the booleans")
    }
}
