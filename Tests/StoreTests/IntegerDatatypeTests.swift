import RDFModel
import SQLiteStorage
import XCTest

/// Every datatype derived from xsd:integer holds integers (`rasqal_integer_datatypes.c`): rasqal
/// 0.9.33 did not know xsd:positiveInteger and xsd:unsignedByte.
final class IntegerDatatypeTests: XCTestCase {
    func testEveryDerivedDatatypeAddsAndComparesAsAnInteger() throws {
        let engine = try RasqalEngine.holding([])
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        for type in ["positiveInteger", "unsignedByte", "short", "nonNegativeInteger", "unsignedLong"] {
            let query = "PREFIX xsd: <\(xsd)> SELECT (DATATYPE(\"1\"^^xsd:\(type) + \"1\"^^xsd:short) AS ?t) (\"5\"^^xsd:\(type) = 5 AS ?e) {}"
            XCTAssertEqual(try engine.sortedAnswer(query).rows,
                           ["\(RDFTerm.iri(xsd + "integer")) \(RDFTerm.literal("true", datatype: xsd + "boolean"))"], type)
        }
    }
}
