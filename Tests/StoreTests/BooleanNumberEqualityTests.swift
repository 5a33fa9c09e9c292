import RDFModel
import SQLiteStorage
import XCTest

/// `=` and `!=` between a boolean and a number are a type error (`rasqal_value_equality.c`):
/// rasqal 0.9.33 promoted the boolean, so `FILTER(?v = 1)` matched "true"^^xsd:boolean.
final class BooleanNumberEqualityTests: XCTestCase {
    func testBooleansAreNotNumbers() throws {
        let database = try QuadDatabase(path: ":memory:")
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let values: [(String, RDFTerm)] = [
            ("int", .literal("1", datatype: xsd + "integer")), ("dec", .literal("1.0", datatype: xsd + "decimal")),
            ("true", .literal("true", datatype: xsd + "boolean")), ("one", .literal("1", datatype: xsd + "boolean")),
        ]
        for (name, value) in values { _ = try database.insert(Quad(.iri("http://ex/" + name), .iri("http://ex/p"), value)) }
        let engine = try RasqalEngine(database: database)
        let subjects = { (filter: String) in
            try engine.sortedAnswer("SELECT ?s { ?s <http://ex/p> ?v FILTER(\(filter)) }").rows.map { $0.replacingOccurrences(of: "http://ex/", with: "") }
        }
        XCTAssertEqual(try subjects("?v = 1"), ["iri(\"dec\")", "iri(\"int\")"].sorted())
        XCTAssertEqual(try subjects("?v = true"), ["iri(\"one\")", "iri(\"true\")"].sorted())
        XCTAssertEqual(try subjects("?v != 1"), [], "an error, not true, for the booleans")
    }
}
