import Store
import XCTest

/// BIND and `(… AS ?v)` must assign a variable not yet bound where they stand
/// (`AssignmentScopeCheck`): rasqal answered such queries in silence.
final class AssignmentScopeTests: XCTestCase {
    func testAssigningABoundVariableIsASyntaxError() throws {
        let store = try Store(.memory)
        let refused: [(String, String)] = [
            ("SELECT * { ?s ?p ?o BIND(1 AS ?o) }", "?o is already bound in its group"),
            ("SELECT * { { ?s ?p ?o } BIND(1 AS ?o) }", "?o is already bound in its group"),
            ("SELECT * { ?s ?p ?o OPTIONAL { ?s ?q ?v } BIND(2 AS ?v) }", "?v is already bound in its group"),
            ("SELECT * { { SELECT ?s ?z { ?s ?p ?z } } BIND(1 AS ?z) }", "?z is already bound in its group"),
            ("SELECT ?s (1 AS ?s) { ?s ?p ?o }", "?s is projected twice"),
            ("SELECT (1 AS ?x) (2 AS ?x) { ?s ?p ?o }", "?x is projected twice"),
            ("SELECT (1 AS ?x) ?x {}", "?x is projected twice: it was assigned with (… AS ?x) before"),
            ("SELECT (1 AS ?o) { ?s ?p ?o }", "?o is already bound by the WHERE clause"),
            ("SELECT (1 AS ?X) { SELECT (2 AS ?X) {} }", "?X is already bound by the WHERE clause"),
        ]
        store.assertRefused(refused)
        XCTAssertTrue(store.syntaxError("SELECT *\n{ ?s ?p ?o\n  BIND(1 AS ?o) }")?.contains("line 3") == true)
    }

    func testNewVariablesAndVariablesOutOfScopeMayBeAssigned() throws {
        let store = try Store(.memory)
        let allowed = [
            "SELECT * { ?s ?p ?o { BIND(1 AS ?o) } }",
            "SELECT * { ?s ?p ?o FILTER(?z > 1) BIND(1 AS ?z) }",
            "SELECT * { ?s ?p ?o MINUS { ?s ?q ?z } BIND(1 AS ?z) }",
            "SELECT * { ?s ?p ?o FILTER NOT EXISTS { ?s ?q ?z } BIND(1 AS ?z) }",
            "SELECT * { { SELECT ?s { ?s ?p ?z } } BIND(1 AS ?z) }",
            "SELECT * { { SELECT (1 AS ?X) {} } UNION { SELECT (2 AS ?X) {} } }",
            "SELECT ?s (STR(?o) AS ?text) { ?s ?p ?o }",
            "SELECT (COUNT(*) AS ?s) { ?s ?p ?o }",
        ]
        for sparql in allowed { XCTAssertNil(store.syntaxError(sparql), sparql) }
    }
}
