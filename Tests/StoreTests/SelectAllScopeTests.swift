import RDFModel
import SQLiteStorage
import XCTest

/// `SELECT *` answers with the variables in scope in the WHERE clause (`SelectAllScope`), not
/// every variable the query mentions.
final class SelectAllScopeTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"

    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        return try RasqalEngine.holding([
            Quad(ex("a"), ex("p"), .literal("1", datatype: "http://www.w3.org/2001/XMLSchema#integer")), Quad(ex("a"), ex("q"), ex("b"), graph: ex("g")),
        ])
    }

    private func columns(_ query: String) throws -> [String] {
        guard case .solutions(let cursor) = try makeEngine().query(Self.prefixes + query) else {
            XCTFail("no solutions: \(query)")
            return []
        }
        return cursor.variables.sorted()
    }

    func testVariablesOnlyUsedInExpressionsAreNotColumns() throws {
        XCTAssertEqual(try columns("SELECT * { ?s :p ?o BIND(?nova AS ?z) }"), ["o", "s", "z"])
        XCTAssertEqual(try columns("SELECT * { ?s :p ?o FILTER(?o != ?missing) }"), ["o", "s"])
    }

    func testASubSelectGivesOnlyWhatItProjects() throws {
        XCTAssertEqual(try columns("SELECT * { { SELECT ?s { ?s :p ?hidden } } ?s :p ?o }"), ["o", "s"])
        XCTAssertEqual(try columns("SELECT * { { SELECT * { { SELECT ?s { ?s :p ?t } } } } }"), ["s"])
        XCTAssertEqual(try columns("SELECT * { { SELECT (COUNT(?o) AS ?n) { ?s :p ?o } } }"), ["n"])
    }

    func testGraphsValuesOptionalAndUnionBind() throws {
        XCTAssertEqual(try columns("SELECT * { GRAPH ?g { ?s :q ?o } }"), ["g", "o", "s"])
        XCTAssertEqual(try columns("SELECT * { VALUES (?v) { (1) } ?s :p ?o }"), ["o", "s", "v"])
        XCTAssertEqual(try columns("SELECT * { ?s :p ?o } VALUES (?w) { (2) }"), ["o", "s", "w"])
        XCTAssertEqual(try columns("SELECT * { ?s :p ?o OPTIONAL { ?s :q ?x } { ?s :p ?u } UNION { ?s :q ?w } }"),
                       ["o", "s", "u", "w", "x"])
    }

    func testMinusLeavesItsOwnVariablesOut() throws {
        XCTAssertEqual(try columns("SELECT * { ?s :p ?o MINUS { ?s :q ?other } }"), ["o", "s"])
    }
}
