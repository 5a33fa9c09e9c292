import RDFModel
import SQLiteStorage
import XCTest

/// A group that starts with OPTIONAL extends one empty solution (`LeadingOptionalRewrite`):
/// rasqal 0.9.33 started it from none and answered nothing where the OPTIONAL did not match.
final class LeadingOptionalTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

    /// Two mentions of :a in graph :post1, one of :b in :post2; :a has a label, :b none.
    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        return try RasqalEngine.holding([
            Quad(ex("a"), .iri("http://www.w3.org/2000/01/rdf-schema#label"), .literal("A")),
            Quad(ex("m1"), ex("refersTo"), ex("a"), graph: ex("post1")), Quad(ex("m2"), ex("refersTo"), ex("a"), graph: ex("post1")),
            Quad(ex("m3"), ex("refersTo"), ex("b"), graph: ex("post2")),
        ])
    }

    private func rows(_ engine: RasqalEngine, _ query: String) throws -> [String] {
        try engine.sortedAnswer(Self.prefixes + query).rows
    }

    func testTheOptionalExtendsOneEmptySolution() throws {
        let engine = try makeEngine()
        XCTAssertEqual(try rows(engine, "SELECT ?l { OPTIONAL { :b rdfs:label ?l } }"), ["-"])
        XCTAssertEqual(try rows(engine, "SELECT ?l { optional { :a rdfs:label ?l } }"), ["\(RDFTerm.literal("A"))"])
        XCTAssertEqual(try rows(engine, "SELECT ?l {OPTIONAL { :a :missing ?l } }"), ["-"])
    }

    func testPatternsAfterTheOptional() throws {
        let engine = try makeEngine()
        XCTAssertEqual(try rows(engine, "SELECT ?m ?x { OPTIONAL { ?m :missing ?x } ?m :refersTo ?e }").count, 3)
        // The OPTIONAL is evaluated first, alone: ?e from it, then joined with the mentions.
        XCTAssertEqual(try rows(engine, "SELECT ?m ?e { OPTIONAL { ?e rdfs:label ?l } ?m :refersTo ?e }").count, 2)
        XCTAssertEqual(try rows(engine, "SELECT ?g ?m { GRAPH ?g { OPTIONAL { ?m :missing ?x } ?m :refersTo ?e } }").count, 3)
        XCTAssertEqual(try rows(engine, "SELECT ?m ?l { { OPTIONAL { :b rdfs:label ?l } } UNION { ?m :refersTo :b } }").count, 2)
    }
}
