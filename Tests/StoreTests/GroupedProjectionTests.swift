import Store
import XCTest

/// A grouped SELECT may read a variable outside its aggregates only when it is a group key
/// (`GroupedProjectionCheck`): rasqal gave the group's first value, silently.
final class GroupedProjectionTests: XCTestCase {
    func testAVariableThatIsNoGroupKeyIsASyntaxErrorNamingIt() throws {
        let store = try Store(.memory)
        let refused = [
            "SELECT ?name (COUNT(?film) AS ?films) { ?film <http://e/cast> ?actor . ?actor <http://e/name> ?name } GROUP BY ?actor",
            "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o }",
            "SELECT (STR(?p) AS ?text) { ?s ?p ?o } GROUP BY ?s",
            "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING(?o > 1)",
            "SELECT ?x { { SELECT ?s ?o { ?s ?p ?o } GROUP BY ?s } }",
        ]
        store.assertRefused(refused.map { ($0, "is used outside an aggregate") })
        XCTAssertTrue(store.syntaxError("SELECT ?s (COUNT(*) AS ?n)\n{ ?s ?p ?o }\nGROUP BY ?p")?.contains("line 1: ?s is used") == true)
    }

    /// rasqal answered `SELECT *` of a grouped query with the ungrouped solutions.
    func testSelectAllOfAGroupedQueryIsASyntaxError() throws {
        let store = try Store(.memory)
        let refused = ["SELECT * { ?s ?p ?o } GROUP BY ?s", "SELECT * { ?s ?p ?o } HAVING(COUNT(*) > 1)",
                       "SELECT ?s { { SELECT * { ?s ?p ?o } GROUP BY ?s } }"]
        store.assertRefused(refused.map { ($0, "SELECT * cannot project a grouped query's solutions") })
    }

    func testKeysAggregatesAndWhatTheProjectionMadeAreAllowed() throws {
        let store = try Store(.memory)
        let allowed = [
            "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s",
            "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY (?s)",
            "SELECT ?t (SAMPLE(?o) AS ?any) { ?s ?p ?o } GROUP BY (?s AS ?t)",
            "SELECT (STR(?s) AS ?text) { ?s ?p ?o } GROUP BY STR(?s)",
            "SELECT (COUNT(*) AS ?n) (?n + 1 AS ?more) { ?s ?p ?o }",
            "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING(COUNT(?o) > 1 && ?s != <http://e/x>)",
            "SELECT ?s ?o { ?s ?p ?o }",
            "SELECT * { ?s ?p ?o }",
        ]
        for sparql in allowed { XCTAssertNil(store.syntaxError(sparql), sparql) }
    }
}
