import RDFModel
import SQLiteStorage
import XCTest

/// Inside `GRAPH ?g { … }`, the pattern is evaluated on its own and joined with ?g afterwards
/// (`GraphVariableScopeRewrite`); rasqal 0.9.33 evaluated it with ?g already bound.
final class GraphVariableScopeTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"

    /// Graph :g1 holds `:s :p :g1` (a triple naming its own graph) and `:s :q :o`; graph :g2 holds
    /// `:s :p :g1` and `:t :q :o`.
    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        return try RasqalEngine.holding([
            Quad(ex("s"), ex("p"), ex("g1"), graph: ex("g1")), Quad(ex("s"), ex("q"), ex("o"), graph: ex("g1")),
            Quad(ex("s"), ex("p"), ex("g1"), graph: ex("g2")), Quad(ex("t"), ex("q"), ex("o"), graph: ex("g2")),
        ])
    }

    private func rows(_ query: String) throws -> [String] {
        try makeEngine().sortedAnswer(Self.prefixes + query).rows.map { $0.replacingOccurrences(of: "http://ex/", with: "") }
    }

    func testTheGraphVariableIsNotBoundInsideTheBlock() throws {
        XCTAssertEqual(try rows("SELECT ?g { GRAPH ?g { FILTER(BOUND(?g)) } }"), [])
    }

    func testAnOptionalUsingTheGraphVariableJoinsAfterwards() throws {
        // In :g2, `:s :p ?g` finds :g1, which is not :g2: that solution does not join.
        XCTAssertEqual(try rows("SELECT ?g ?s { GRAPH ?g { ?s :q :o OPTIONAL { ?s :p ?g } } }"),
                       ["iri(\"g1\") iri(\"s\")", "iri(\"g2\") iri(\"t\")"])
        XCTAssertEqual(try rows("SELECT ?g ?s { GRAPH ?g { ?s :p ?g } }"), ["iri(\"g1\") iri(\"s\")"])
    }

    func testASubSelectThatDoesNotProjectTheVariableHasItsOwn() throws {
        XCTAssertEqual(try rows("SELECT ?g ?s { GRAPH ?g { { SELECT ?s { ?s :p ?g } } } }"),
                       ["iri(\"g1\") iri(\"s\")", "iri(\"g2\") iri(\"s\")"])
        XCTAssertEqual(try rows("SELECT ?g ?s { GRAPH ?g { { SELECT * { ?s :p ?g } } } }"), ["iri(\"g1\") iri(\"s\")"])
    }

    /// A block of VALUES alone binding the graph's own variable (W3C bindings/graph): each row
    /// joins the graph it names, or every graph where it leaves it UNDEF. The block gets the unit
    /// triple (`ValuesRewrite`), without which rasqal lost the VALUES' other values.
    func testValuesBindingTheGraphVariable() throws {
        XCTAssertEqual(try rows(#"SELECT ?g ?t { GRAPH ?g { VALUES (?g ?t) { (UNDEF "any") (:g2 "two") } } }"#),
                       ["iri(\"g1\") literal(\"any\", language: nil, datatype: nil)", "iri(\"g2\") literal(\"any\", language: nil, datatype: nil)",
                        "iri(\"g2\") literal(\"two\", language: nil, datatype: nil)"])
    }
}
