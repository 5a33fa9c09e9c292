import RDFModel
@testable import SQLiteStorage
import XCTest

/// A triple on the right of an OPTIONAL or a join reads the values its left side bound instead
/// of binding them again (`RasqalLeftValues`): rasqal 0.9.33 cleared them when it reset the
/// triple, and the left side's next rows kept the cleared value of their outer triple.
final class LeftValuesTests: XCTestCase {
    /// a1 and a2 each with a :p0, c1 and c2 each with a :p5 (d1, d2); only a1 :p1 d1.
    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        return try .holding([
            Quad(ex("a1"), ex("p0"), ex("b1")), Quad(ex("a2"), ex("p0"), ex("b2")),
            Quad(ex("c1"), ex("p5"), ex("d1")), Quad(ex("c2"), ex("p5"), ex("d2")),
            Quad(ex("a1"), ex("p1"), ex("d1")),
        ])
    }

    private func rows(_ engine: RasqalEngine, _ pattern: String) throws -> [String] {
        try engine.answerLines("PREFIX : <http://ex/> SELECT ?a ?c ?d { \(pattern) }", shortening: "http://ex/").sorted()
    }

    func testAnOptionalSharingTheVariablesOfTwoTriplesKeepsTheLeftValues() throws {
        let engine = try makeEngine()
        let expected = ["a1 c1 d1", "a1 c2 d2", "a2 c1 d1", "a2 c2 d2"]
        // rasqal gave "- c2 d2" for the second row (and, written the other way round, "a2 c1 -").
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d OPTIONAL { ?a :p1 ?d }"), expected)
        XCTAssertEqual(try rows(engine, "?c :p5 ?d . ?a :p0 ?b OPTIONAL { ?a :p1 ?d }"), expected)
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d { ?a :p1 ?d }"), ["a1 c1 d1"])
    }
}
