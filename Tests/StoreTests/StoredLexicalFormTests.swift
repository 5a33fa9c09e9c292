import RDFModel
import SQLiteStorage
import XCTest

/// A query answers with the terms as stored: rasqal 0.9.33 copied every typed value of a result
/// row into its canonical form, so "0"^^xsd:boolean came out as "false" (`rasqal_result_rows.c`).
final class StoredLexicalFormTests: XCTestCase {
    private static let xsd = "http://www.w3.org/2001/XMLSchema#"

    func testTypedLiteralsKeepTheirLexicalForms() throws {
        let database = try QuadDatabase(path: ":memory:")
        let stored: [RDFTerm] = [
            .literal("0", datatype: Self.xsd + "boolean"), .literal("01", datatype: Self.xsd + "integer"),
            .literal("1.0e0", datatype: Self.xsd + "double"), .literal("+33.3300", datatype: Self.xsd + "decimal"),
            .literal("2006-08-23-00:00", datatype: Self.xsd + "date"),
        ]
        for (i, value) in stored.enumerated() {
            _ = try database.insert(Quad(.iri("http://ex/s\(i)"), .iri("http://ex/p"), value))
        }
        let engine = try RasqalEngine(database: database)
        let plain = try engine.sortedAnswer("SELECT ?v { ?s <http://ex/p> ?v }").rows
        XCTAssertEqual(plain, stored.map { "\($0)" }.sorted())
        // Also through rasqal's ORDER BY, which keeps the rows until they are read.
        let sorted = try engine.sortedAnswer("SELECT ?v { ?s <http://ex/p> ?v } ORDER BY DESC(STR(?v))").rows
        XCTAssertEqual(sorted, plain)
    }

    func testComputedValuesAreWrittenByRasqal() throws {
        let engine = try RasqalEngine(database: try QuadDatabase(path: ":memory:"))
        XCTAssertEqual(try engine.sortedAnswer("SELECT (1 = 1 AS ?t) (2 + 3 AS ?n) {}").rows,
                       ["\(RDFTerm.literal("true", datatype: Self.xsd + "boolean")) \(RDFTerm.literal("5", datatype: Self.xsd + "integer"))"])
    }
}
