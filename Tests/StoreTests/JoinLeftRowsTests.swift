import RDFModel
@testable import SQLiteStorage
import XCTest

/// A join's left side makes its next rows from the values it bound, not from what its right side
/// left in the variables (`rasqal_join_left_rows.c`): rasqal 0.9.33 cleared the variables the
/// right side shares with the left whenever it reset that side, and the left side's next rows kept
/// the cleared value of their outer triple.
final class JoinLeftRowsTests: XCTestCase {
    /// a1 and a2 each with a :p0, c1 and c2 each with a :p5 (d1, d2); only a1 :p1 d1; d1 :p2 e1.
    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        return try .holding([
            Quad(ex("a1"), ex("p0"), ex("b1")), Quad(ex("a2"), ex("p0"), ex("b2")),
            Quad(ex("c1"), ex("p5"), ex("d1")), Quad(ex("c2"), ex("p5"), ex("d2")),
            Quad(ex("a1"), ex("p1"), ex("d1")), Quad(ex("d1"), ex("p2"), ex("e1")),
        ])
    }

    private func rows(_ engine: RasqalEngine, _ pattern: String, _ projection: String = "?a ?c ?d") throws -> [String] {
        try engine.answerLines("PREFIX : <http://ex/> SELECT \(projection) { \(pattern) }", shortening: "http://ex/").sorted()
    }

    private let everyPair = ["a1 c1 d1", "a1 c2 d2", "a2 c1 d1", "a2 c2 d2"]

    func testAnOptionalSharingTheVariablesOfTwoTriplesKeepsTheLeftValues() throws {
        let engine = try makeEngine()
        // rasqal gave "- c2 d2" for the second row (and, written the other way round, "a2 c1 -").
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d OPTIONAL { ?a :p1 ?d }"), everyPair)
        XCTAssertEqual(try rows(engine, "?c :p5 ?d . ?a :p0 ?b OPTIONAL { ?a :p1 ?d }"), everyPair)
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d { ?a :p1 ?d }"), ["a1 c1 d1"])
    }

    func testAnOptionalHoldingAnotherKeepsTheLeftValues() throws {
        let engine = try makeEngine()
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d OPTIONAL { ?a :p1 ?d OPTIONAL { ?d :p2 ?e } }", "?a ?c ?d ?e"),
                       ["a1 c1 d1 e1", "a1 c2 d2 -", "a2 c1 d1 -", "a2 c2 d2 -"])
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d OPTIONAL { ?a :p1 ?d } OPTIONAL { ?d :p2 ?e }", "?a ?c ?d ?e"),
                       ["a1 c1 d1 e1", "a1 c2 d2 -", "a2 c1 d1 e1", "a2 c2 d2 -"])
    }

    /// Only the inner OPTIONAL names ?a, which it matches on its own (W3C algebra/nested-opt-1):
    /// its rows for a1 are no match for a2's.
    func testAnInnerOptionalSharingOnlyTheOuterVariableKeepsTheLeftValues() throws {
        let engine = try makeEngine()
        XCTAssertEqual(try rows(engine, "?a :p0 ?b . ?c :p5 ?d OPTIONAL { ?c :p5 ?x OPTIONAL { ?a :p1 ?x } }", "?a ?c ?d ?x"),
                       ["a1 c1 d1 d1", "a1 c2 d2 d2", "a2 c1 d1 -", "a2 c2 d2 d2"])
    }
}
