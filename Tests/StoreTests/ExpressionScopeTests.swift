import RDFModel
import SQLiteStorage
import XCTest

/// FILTER and BIND read only the variables in scope where they are written
/// (`ExpressionScopeRewrite`); rasqal 0.9.33 let a nested group read the solution it joins.
final class ExpressionScopeTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"

    /// :a :p 1 and :q :x; :b :p 2 and :q :y.
    private func rows(_ query: String) throws -> [String] {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        let integer = { (value: Int) in RDFTerm.literal("\(value)", datatype: "http://www.w3.org/2001/XMLSchema#integer") }
        let quads = [("a", 1, "x"), ("b", 2, "y")].flatMap { subject, number, other in
            [Quad(ex(subject), ex("p"), integer(number)), Quad(ex(subject), ex("q"), ex(other))]
        }
        return try RasqalEngine.holding(quads).answerLines(Self.prefixes + query, shortening: "http://ex/").sorted()
    }

    func testABindInAGroupOfItsOwnSeesNothingOutside() throws {
        XCTAssertEqual(try rows("SELECT ?s ?z { ?s :p ?o { BIND(?o + 1 AS ?z) } UNION { BIND(?o + 2 AS ?z) } }"),
                       ["a -", "a -", "b -", "b -"])
        XCTAssertEqual(try rows("SELECT ?s ?z { ?s :p ?o { ?s :q ?x BIND(?o + 1 AS ?z) } }"), ["a -", "b -"])
    }

    func testABindSeesWhatItsGroupBoundBeforeIt() throws {
        XCTAssertEqual(try rows("SELECT ?s ?z { ?s :q ?x { ?s :p ?o BIND(?o + 1 AS ?z) } }"), ["a 2", "b 3"])
        XCTAssertEqual(try rows("SELECT ?s ?z { { BIND(1 AS ?z) ?s :p ?o } }"), ["a 1", "b 1"])
    }

    func testAFilterInANestedGroupSeesOnlyThatGroup() throws {
        XCTAssertEqual(try rows("SELECT ?s ?x { ?s :p ?o OPTIONAL { { ?s :q ?x FILTER(?o = 1) } } }"), ["a -", "b -"])
        XCTAssertEqual(try rows("SELECT ?s ?x { ?s :p ?o { ?s :q ?x FILTER(?o = 1) } }"), [])
    }

    func testAFilterOfAnOptionalsOwnGroupSeesTheSolutionItExtends() throws {
        XCTAssertEqual(try rows("SELECT ?s ?x { ?s :p ?o OPTIONAL { ?s :q ?x FILTER(?o = 1) } }"), ["a x", "b -"])
    }

    /// A sub-SELECT's own variable it does not project is in no solution; rasqal left it set by the
    /// sub-SELECT's last row, and the OPTIONAL's FILTER read that.
    func testAFilterOfAnOptionalsOwnGroupDoesNotSeeASubSelectsOwnVariables() throws {
        XCTAssertEqual(try rows("SELECT ?s ?n { ?s :p ?o OPTIONAL { { SELECT ?s (COUNT(*) AS ?n) { ?s :q ?hidden } GROUP BY ?s } FILTER(BOUND(?hidden)) } }"),
                       ["a -", "b -"])
        XCTAssertEqual(try rows("SELECT ?s ?n { ?s :p ?o OPTIONAL { { SELECT ?s (COUNT(*) AS ?n) { ?s :q ?hidden } GROUP BY ?s } FILTER(?o = 1) } }"),
                       ["a 1", "b -"])
    }

    func testSubSelectProjectionsAndExistsAreInScope() throws {
        XCTAssertEqual(try rows("SELECT ?s ?n { ?s :q ?x { { SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?v } GROUP BY ?s } FILTER(?n > 1) } }"),
                       ["a 2", "b 2"])
        XCTAssertEqual(try rows("SELECT ?s { ?s :p ?o { ?s :q ?x FILTER EXISTS { ?s :p 1 } } }"), ["a"])
    }
}
