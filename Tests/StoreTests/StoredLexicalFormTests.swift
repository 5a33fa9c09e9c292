import RDFModel
import SQLiteStorage
import XCTest

private let xsd = "http://www.w3.org/2001/XMLSchema#"

/// A query answers with the terms as stored: rasqal 0.9.33 copied every typed value of a result
/// row into its canonical form, so "0"^^xsd:boolean came out as "false" (`rasqal_result_rows.c`).
final class StoredLexicalFormTests: XCTestCase {

    private let stored: [RDFTerm] = [
        .literal("0", datatype: xsd + "boolean"), .literal("01", datatype: xsd + "integer"),
        .literal("1.0e0", datatype: xsd + "double"), .literal("+33.3300", datatype: xsd + "decimal"),
        .literal("2006-08-23-00:00", datatype: xsd + "date"), .literal("2006-08-23T10:00:00.000+00:00", datatype: xsd + "dateTime"),
    ]

    private func makeEngine() throws -> RasqalEngine {
        try RasqalEngine.holding(stored.enumerated().map { Quad(.iri("http://ex/s\($0.offset)"), .iri("http://ex/p"), $0.element) })
    }

    func testTypedLiteralsKeepTheirLexicalForms() throws {
        let engine = try makeEngine()
        let plain = try engine.sortedAnswer("SELECT ?v { ?s <http://ex/p> ?v }").rows
        XCTAssertEqual(plain, stored.map { "\($0)" }.sorted())
        // Also through a sub-SELECT's ORDER BY, whose rows rasqal keeps until they are read.
        let sorted = try engine.sortedAnswer("SELECT ?v { { SELECT ?v { ?s <http://ex/p> ?v } ORDER BY DESC(STR(?v)) LIMIT 10 } }").rows
        XCTAssertEqual(sorted, plain)
    }

    func testConstructedTriplesKeepThem() throws {
        guard case .graph(let quads) = try makeEngine().query("CONSTRUCT { ?s <http://ex/q> ?v } WHERE { ?s <http://ex/p> ?v }") else {
            return XCTFail("no graph")
        }
        XCTAssertEqual(quads.map { "\($0.object)" }.sorted(), stored.map { "\($0)" }.sorted())
    }

    func testComputedValuesAreWrittenByRasqal() throws {
        let engine = try RasqalEngine.holding([])
        XCTAssertEqual(try engine.sortedAnswer("SELECT (1 = 1 AS ?t) (2 + 3 AS ?n) {}").rows,
                       ["\(RDFTerm.literal("true", datatype: xsd + "boolean")) \(RDFTerm.literal("5", datatype: xsd + "integer"))"])
    }
}
