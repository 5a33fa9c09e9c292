import RDFModel
import SQLiteStorage
import XCTest

/// EXISTS in a SELECT clause's expressions, bound in the WHERE clause instead
/// (`ProjectedExistsRewrite`): rasqal 0.9.33 cannot parse it there.
final class ProjectedExistsTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"

    /// :a :p 1, 2 and :q :x; :b :p 3; :x :r 2.
    private func rows(_ query: String, sorted: Bool = true) throws -> [String] {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        let integer = { (value: Int) in RDFTerm.literal("\(value)", datatype: "http://www.w3.org/2001/XMLSchema#integer") }
        let quads = [Quad(ex("a"), ex("p"), integer(1)), Quad(ex("a"), ex("p"), integer(2)), Quad(ex("a"), ex("q"), ex("x")),
                     Quad(ex("b"), ex("p"), integer(3)), Quad(ex("x"), ex("r"), integer(2))]
        let lines = try RasqalEngine.holding(quads).answerLines(Self.prefixes + query, shortening: "http://ex/")
        return sorted ? lines.sorted() : lines
    }

    func testExistsInTheProjectionIsEvaluatedOnEachSolution() throws {
        XCTAssertEqual(try rows("SELECT ?s ?o (EXISTS { ?x :r ?o } AS ?shared) { ?s :p ?o }"),
                       ["a 1 false", "a 2 true", "b 3 false"])
        XCTAssertEqual(try rows("SELECT ?s (NOT EXISTS { ?s :q ?x } AS ?alone) { ?s :p 3 }"), ["b true"])
        XCTAssertEqual(try rows("SELECT (EXISTS { :x :r 2 } AS ?e) {}"), ["true"])
        // The hidden variable it is bound to is no column of SELECT *'s outer query.
        XCTAssertEqual(try rows("SELECT * { { SELECT ?o (EXISTS { ?x :r ?o } AS ?e) { ?s :p ?o } } }"),
                       ["1 false", "2 true", "3 false"])
    }

    func testExistsInOrderBy() throws {
        XCTAssertEqual(try rows("SELECT ?o { ?s :p ?o } ORDER BY DESC(EXISTS { ?x :r ?o }) ?o", sorted: false), ["2", "1", "3"])
    }

    func testExistsInAnAggregatesArgumentIsEvaluatedOnEachSolutionOfTheGroup() throws {
        XCTAssertEqual(try rows("SELECT ?s (SUM(IF(EXISTS { ?x :r ?o }, 1, 0)) AS ?n) { ?s :p ?o } GROUP BY ?s"), ["a 1", "b 0"])
        XCTAssertEqual(try rows("SELECT (COUNT(*) AS ?n) { ?s :p ?o } HAVING (SUM(IF(EXISTS { ?x :r ?o }, 1, 0)) > 0)"), ["3"])
    }

    func testExistsOutsideAggregatesOfAGroupedQueryReadingOnlyItsKeys() throws {
        XCTAssertEqual(try rows("SELECT ?s (COUNT(*) AS ?n) (EXISTS { ?s :q ?x } AS ?linked) { ?s :p ?o } GROUP BY ?s"),
                       ["a 2 true", "b 1 false"])
        XCTAssertEqual(try rows("SELECT ?s { ?s :p ?o } GROUP BY ?s HAVING (NOT EXISTS { ?s :q ?x })"), ["b"])
        // ?o is no key: each group has several values of it, which the expression does not see.
        XCTAssertThrowsError(try rows("SELECT ?s (EXISTS { ?x :r ?o } AS ?e) { ?s :p ?o } GROUP BY ?s")) { error in
            XCTAssertTrue("\(error)".contains("EXISTS and MINUS are answered by the store"), "\(error)")
        }
    }
}
