@testable import SQLiteStorage
import XCTest

/// Finding property paths in query text and replacing them by placeholders rasqal can parse:
/// only verbs are paths, expressions and strings are left alone, IRIs are resolved, and the text
/// keeps its line numbers.
final class QueryRewriteTests: XCTestCase {
    private let prologue = "PREFIX : <http://ex/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

    private func rewrite(_ body: String, base: String? = nil) throws -> QueryRewrite? {
        try QueryRewrite(prologue + body, baseIRI: base)
    }

    /// The paths in the order they were found.
    private func paths(_ body: String, base: String? = nil) -> [PropertyPath] {
        guard let rewrite = try? rewrite(body, base: base) else { return [] }
        return (0..<rewrite.placeholders.paths.count).map { rewrite.placeholders.paths[QueryRewrite.pathPrefix + String($0)]! }
    }

    /// Text with every run of white space made one space.
    private func squeezed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func testEachOperatorIsParsedWithSPARQLPrecedence() {
        XCTAssertEqual(paths("SELECT * { ?s :a/:b|^:c* ?o }"), [
            .alternative([.sequence([.link("http://ex/a"), .link("http://ex/b")]), .inverse(.zeroOrMore(.link("http://ex/c")))]),
        ])
        XCTAssertEqual(paths("SELECT * { ?s (:a|:b)+/a? ?o }"), [
            .sequence([.oneOrMore(.alternative([.link("http://ex/a"), .link("http://ex/b")])),
                       .zeroOrOne(.link("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))]),
        ])
        XCTAssertEqual(paths("SELECT * { ?s !(:a|^:b|:c) ?o . ?s !^:d ?o }"), [
            .negated(forward: ["http://ex/a", "http://ex/c"], inverse: ["http://ex/b"]),
            .negated(forward: [], inverse: ["http://ex/d"]),
        ])
    }

    func testPlainVerbsAndQueriesWithoutPathsAreLeftToRasqal() {
        XCTAssertNil(try rewrite("SELECT * WHERE { ?s :p ?o ; a ?t . ?o ?p 3 }"))
        XCTAssertNil(try rewrite("SELECT (?a / ?b * 2 AS ?r) { ?s :p ?a ; :q ?b FILTER(?a + 1 > ?b || !bound(?b)) }"))
        XCTAssertNil(try rewrite("SELECT * { ?s :p \"a/b|c*\" . ?s :q <http://ex/a?b*c> }"))
        XCTAssertNil(try rewrite("CONSTRUCT { ?s :p ?o } WHERE { ?s :p ?o } ORDER BY (?o * 2)"))
    }

    func testAConstructTemplateIsSkippedAndItsWhereClauseRead() {
        XCTAssertEqual(paths("CONSTRUCT { ?s :ancestor ?o } WHERE { ?s :parent+ ?o }"), [.oneOrMore(.link("http://ex/parent"))])
    }

    func testPathsAreFoundInEveryKindOfGroupMember() {
        let body = """
            SELECT ?s (COUNT(*) AS ?n) WHERE {
              { SELECT ?s WHERE { ?s :a+ ?x } LIMIT 3 }
              OPTIONAL { ?s :b/:c ?y } UNION { GRAPH ?g { [ :d* ?z ] } }
              FILTER(?s != :x) BIND((1 * 2) AS ?w) VALUES ?v { :v1 :v2 }
              ?s :e ?m , [ :f? ( 1 ?q ) ] ; ^:g ?k .
            } GROUP BY ?s
            """
        XCTAssertEqual(paths(body), [
            .oneOrMore(.link("http://ex/a")), .sequence([.link("http://ex/b"), .link("http://ex/c")]),
            .zeroOrMore(.link("http://ex/d")), .zeroOrOne(.link("http://ex/f")), .inverse(.link("http://ex/g")),
        ])
    }

    func testThePlaceholderKeepsTheLinesOfWhatItReplaces() throws {
        let rewritten = try XCTUnwrap(try rewrite("SELECT * {\n ?s :a\n / :b ?o .\n ?o :c ?z }"))
        XCTAssertEqual(rewritten.text, prologue + "SELECT * {\n ?s <\(QueryRewrite.pathPrefix)0>\n ?o .\n ?o :c ?z }")
    }

    func testIRIsAreResolvedAgainstTheBaseAndLocalNamesUnescaped() {
        XCTAssertEqual(paths("BASE <http://base.org/dir/> SELECT * { ?s <p>/<../q>/rdfs:sub\\-class ?o }"), [
            .sequence([.link("http://base.org/dir/p"), .link("http://base.org/q"),
                       .link("http://www.w3.org/2000/01/rdf-schema#sub-class")]),
        ])
        XCTAssertEqual(paths("SELECT * { ?s <p>* ?o }", base: "http://given.org/"), [.zeroOrMore(.link("http://given.org/p"))])
    }

    func testNegationBecomesAPlaceholderTripleAfterTheLeadingTriples() throws {
        let check = "<\(QueryRewrite.checkPrefix)0>"
        let exists = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o . FILTER NOT EXISTS { ?s :q ?o } OPTIONAL { ?s :r ?z } }"))
        XCTAssertEqual(squeezed(exists.text), squeezed(prologue + "SELECT * { ?s :p ?o . \(check) \(check) ?o . OPTIONAL { ?s :r ?z } }"))
        XCTAssertEqual(exists.placeholders.checks.values.first?.ask(with: ["s": .iri("http://ex/a"), "o": .literal("x")]),
                       prologue + "ASK { <http://ex/a> :q \"x\" }")
        let minus = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o MINUS { ?s :q ?z } }"))
        XCTAssertEqual(squeezed(minus.text), squeezed(prologue + "SELECT * { ?s :p ?o . \(check) \(check) ?s . }"))
        XCTAssertEqual(minus.placeholders.checks.values.first?.select, prologue + "SELECT ?s WHERE { ?s :q ?z }")
    }

    func testFiltersBetweenTheTriplesOfAGroupWithChecksMoveToItsEnd() throws {
        let check = "<\(QueryRewrite.checkPrefix)0>"
        let moved = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o FILTER(?o > 1) ?s :q ?z FILTER NOT EXISTS { ?z :r ?s } }"))
        // Erased where it stood, the filter leaves a `.` between the triples it separated.
        XCTAssertEqual(squeezed(moved.text), squeezed(prologue + "SELECT * { ?s :p ?o . ?s :q ?z . \(check) \(check) ?o . FILTER(?o > 1) }"))
    }

    func testChecksReadingValuesBoundAfterTheLeadingTriplesBindAHiddenVariableWhereTheyStand() throws {
        let check = "<\(QueryRewrite.checkPrefix)0>"
        let optional = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o OPTIONAL { ?s :q ?z } FILTER NOT EXISTS { ?z :r ?s } }"))
        XCTAssertEqual(squeezed(optional.text), squeezed(prologue + "SELECT * { ?s :p ?o OPTIONAL { ?s :q ?z } . \(check) \(check) ?__coatt_check1 }"))
        XCTAssertEqual(optional.placeholders.checks.values.first?.substituted.map(\.name), ["s", "z"])
        let minus = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o OPTIONAL { ?s :q ?z } MINUS { ?s :r ?z } }"))
        XCTAssertEqual(squeezed(minus.text), squeezed(prologue + "SELECT * { ?s :p ?o OPTIONAL { ?s :q ?z } . \(check) \(check) ?__coatt_check1 }"))
        let bind = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o BIND(1 AS ?one) FILTER NOT EXISTS { ?s :r ?one } }"))
        XCTAssertEqual(bind.placeholders.checks.values.first?.substituted.map(\.name), ["one", "s"])
    }

    func testExistsInsideAnExpressionBecomesTheVariableItsCheckBinds() throws {
        let check = "<\(QueryRewrite.checkPrefix)0>"
        let filter = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o FILTER(?o > 1 || NOT EXISTS { ?s :r ?o }) }"))
        XCTAssertEqual(squeezed(filter.text),
                       squeezed(prologue + "SELECT * { ?s :p ?o . \(check) \(check) ?__coatt_exists1 FILTER(?o > 1 || (!?__coatt_exists1)) }"))
        XCTAssertEqual(filter.placeholders.checks.values.first?.kind, .value)
        let bind = try XCTUnwrap(try rewrite("SELECT * { ?s :p ?o BIND(EXISTS { ?s :r ?o } AS ?b) }"))
        XCTAssertEqual(squeezed(bind.text),
                       squeezed(prologue + "SELECT * { ?s :p ?o . \(check) \(check) ?__coatt_exists1 BIND(?__coatt_exists1 AS ?b) }"))
        XCTAssertNil(try rewrite("SELECT (EXISTS { ?s :r ?o } AS ?b) { ?s :p ?o }"), "a SELECT expression is ProjectedExistsRewrite's")
    }

    func testTheByteScanFindsEveryPathAndNegationAndPassesPlainQueries() {
        for text in ["SELECT * { ?s :a/:b ?o }", "SELECT * { ?s <http://x/p>* ?o }", "SELECT * { ?s a+ ?o }",
                     "SELECT * { ?s (:p|:q) ?o }", "SELECT * { ?o ^:p ?s }", "SELECT * { ?s :p? ?o }",
                     "SELECT * { ?s !:p ?o }", "SELECT * { ?s ?p ?o FILTER NOT EXISTS { ?o ?p ?s } }",
                     "select * { ?s ?p ?o minus { ?s ?p 1 } }"] {
            XCTAssertTrue(QueryRewrite.mightApply(to: text), text)
        }
        for text in ["PREFIX wd: <http://www.wikidata.org/entity/>\nSELECT ?p ?o WHERE { wd:Q42 ?p ?o }",
                     "SELECT * { ?s ?p ?o }", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
                     "SELECT (?a / ?b * 2 + 1 AS ?r) { ?s :p ?a ; :q ?b FILTER(?a != ?b || ?a < 3) }",
                     "SELECT * { ?s :p \"a/b|c*^d\"^^:t } # :p/:q and MINUS in a comment",
                     "ASK { <http://x/a?b*c> <http://x/p> ?o }"] {
            XCTAssertFalse(QueryRewrite.mightApply(to: text), text)
        }
    }

    /// A BIND of one term cannot be an error: it is not rewritten (`BindErrorRewrite`), nor tokenised.
    func testTheMentionScanPassesBindsOfOneTerm() {
        for text in [#"SELECT * { ?s ?p ?o BIND("out" AS ?d) }"#, "SELECT * { ?s ?p ?o . bind ( ?s as ?t ) }",
                     "SELECT * { ?s ?p ?o BIND(:x AS ?t) BIND(<http://x/y> AS ?u) BIND(2.5 AS ?n) }"] {
            XCTAssertFalse(SyntaxMentions(of: text).contains(.bind), text)
        }
        for text in ["SELECT * { ?s ?p ?o BIND(STRLEN(?o) AS ?n) }", "SELECT * { ?s ?p ?o BIND(?o+1 AS ?n) }",
                     #"SELECT * { ?s ?p ?o BIND("a"@en AS ?t) BIND(-1 AS ?n) }"#, "SELECT * { ?s ?p ?o BIND(\"a\\\"b\" AS ?t) }"] {
            XCTAssertTrue(SyntaxMentions(of: text).contains(.bind), text)
        }
    }

    /// Only a FILTER or BIND that might read a variable from outside its group is tokenised
    /// (`ExpressionScopeRewrite`): not one of the WHERE clause itself, not an OPTIONAL's own
    /// FILTER, not a BIND of a constant.
    func testTheMentionScanFindsExpressionsInNestedGroups() {
        for text in ["SELECT * { ?s ?p ?o FILTER(?o > 1) { ?s ?q ?r } }", "SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r FILTER(?s != ?r) } }",
                     #"SELECT * { { ?s ?p ?o BIND("x" AS ?t) } UNION { ?s ?q ?o BIND(1 AS ?t) } }"#] {
            XCTAssertFalse(SyntaxMentions(of: text).contains(.nestedExpression), text)
        }
        for text in ["SELECT * { ?s ?p ?o { ?s ?q ?r FILTER(?o > 1) } }", "SELECT * { ?s ?p ?o OPTIONAL { { ?o ?q ?r FILTER(?s != ?r) } } }",
                     "SELECT * { ?s ?p ?o { BIND(?o AS ?t) } }", "SELECT * { ?s ?p ?o GRAPH ?g { ?o ?q ?r BIND(?o + 1 AS ?t) } }"] {
            XCTAssertTrue(SyntaxMentions(of: text).contains(.nestedExpression), text)
        }
    }

    /// A `GRAPH ?g` block is tokenised for `GraphVariableScopeRewrite` only when ?g appears inside it.
    func testTheMentionScanFindsGraphVariablesUsedInside() {
        for text in ["SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "SELECT * { GRAPH ?g { ?s ?p ?gx } ?s ?q ?g }"] {
            XCTAssertFalse(SyntaxMentions(of: text).contains(.graphVariable), text)
        }
        for text in ["SELECT * { GRAPH ?g { ?s ?p ?g } }", "SELECT * { GRAPH $g { { ?s ?p ?o } FILTER(BOUND(?g)) } }"] {
            XCTAssertTrue(SyntaxMentions(of: text).contains(.graphVariable), text)
        }
    }

    /// A sub-SELECT's `*` inside brackets (`COUNT(*)`) projects nothing: its ?g stays its own,
    /// renamed apart with no FILTER joining it to the graph.
    func testASubSelectCountingStarKeepsItsOwnGraphVariable() {
        let rewritten = GraphVariableScopeRewrite.rewritten("SELECT * { GRAPH ?g { { SELECT (COUNT(*) AS ?n) { ?s ?p ?g } } } }")
        XCTAssertEqual(rewritten, "SELECT * { GRAPH ?g { { SELECT (COUNT(*) AS ?n) { ?s ?p ?__coatt_graph1_own } } } }")
        XCTAssertEqual(GraphVariableScopeRewrite.rewritten("SELECT * { GRAPH ?g { { SELECT * { ?s ?p ?g } } } }"),
                       "SELECT * { GRAPH ?g { { SELECT * { ?s ?p ?__coatt_graph1 } } } FILTER(!BOUND(?__coatt_graph1) || sameTerm(?__coatt_graph1, ?g)) }")
    }

    func testAVariableNameEndsBeforeAMinus() {
        let tokens = SPARQLToken.tokens(of: Array("?n-1 ?a.b $x_2".unicodeScalars))!
        XCTAssertEqual(tokens.map(\.text), ["?n", "-", "1", "?a", ".", "b", "$x_2"])
    }

    func testUnreadableTextIsLeftForRasqalToReport() {
        XCTAssertNil(try rewrite("SELECT * { ?s unknown:p/:q ?o }"), "an undeclared prefix")
        XCTAssertNil(try rewrite("SELECT * { ?s :p/ ?o }"), "a path cut short")
        XCTAssertNil(try rewrite("SELECT * { ?s :p/:q ?o "), "an unclosed group")
        XCTAssertNil(try rewrite("SELECT * { ?s !() ?o }"), "an empty negated set")
        XCTAssertNil(try rewrite("CONSTRUCT WHERE { ?s :p+ ?o }"), "a path in a template")
        // Deeper than any real query: left to rasqal's parser rather than recursed into.
        XCTAssertNil(try rewrite("SELECT * WHERE " + String(repeating: "{ ", count: 2000) + "?s :p+ ?o" + String(repeating: "}", count: 2000)))
        XCTAssertNotNil(try rewrite("SELECT * WHERE " + String(repeating: "{ ", count: 20) + "?s :p+ ?o" + String(repeating: "}", count: 20)))
    }
}
