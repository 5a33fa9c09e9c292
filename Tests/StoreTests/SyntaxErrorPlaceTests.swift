import Redland
import Store
import XCTest

/// A syntax error is reported where it is: an unclosed string or IRI, a word that is no SPARQL
/// word (rasqal: `SPARQL syntax error at 'S'`) and an undeclared prefix on its line
/// (`LexicalError`; rasqal gave no line and an "unexpected $end" at the last), and an
/// error beside a property path, EXISTS or MINUS as itself (`syntaxErrorBesideStoreSyntax`; it
/// was reported as rasqal's failure to read the path or EXISTS, or only as the note on where
/// EXISTS and MINUS are answered), and a malformed query by rasqal's error before the store's
/// checks, which read it as well formed.
final class SyntaxErrorPlaceTests: XCTestCase {
    func testAnUndeclaredPrefixIsNamedOnItsLine() throws {
        let store = try Store(.memory)
        store.assertRefused([
            ("SELECT ?s\nWHERE {\n  ?s a foo:Bar }", "line 3: the prefix foo: of foo:Bar is not declared: add PREFIX foo: <…> before it"),
            ("SELECT ?s { ?s ?p \"1\"^^xsd:int }", "add PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"),
            ("SELECT ?s {\n ?s ?p ?o\n FILTER NOT EXISTS { ?s dbo:birthPlace ?b } }", "line 3: the prefix dbo: of dbo:birthPlace is not declared: add PREFIX dbo: <http://dbpedia.org/ontology/>"),
            ("SELECT ?s { ?s ?p ?o MINUS {\n ?s dbr:x ?y } }", "line 2: the prefix dbr: of dbr:x"),
            // Declared after its use is not declared there.
            ("SELECT ?s { ?s ex:p ?o } VALUES ?s { <http://e/a> }", "the prefix ex: of ex:p is not declared"),
        ])
        for message in ["SELECT ?s\nWHERE {\n  ?s a foo:Bar }", "SELECT ?s { ?s ?p \"1\"^^xsd:int }"].compactMap(store.syntaxError) {
            XCTAssertFalse(message.contains("$end"), message)
        }
    }

    func testUnclosedTermsAndUnknownWordsAreNamed() throws {
        let store = try Store(.memory)
        store.assertRefused([
            ("SELECT ?s {\n ?s ?p 'abc }", "line 2: the string 'abc }… is never closed"),
            ("SELECT ?s { ?s ?p \"\"\"abc }", "line 1: the string \"\"\"abc }… is never closed"),
            ("SELECT ?s {\n ?s ?p <http://e/abc }", "line 2: the IRI <http://e/abc… is not closed: an IRI ends with > and holds no white space"),
            ("SELECT ?s { ?s ?p ?o\n FILTER(?o = \"1\"^^<http://e/t > 0) }", "line 2: the IRI <http://e/t… is not closed"),
            ("SELCT ?s { }", "line 1: SELCT is no SPARQL keyword or function"),
            ("PREFIX dbo: <http://dbpedia.org/ontology/>\nPREFIX dbr <http://dbpedia.org/resource/>\nASK { dbr:X a dbo:Y }",
             "line 2: a PREFIX declaration is written PREFIX name: <namespace IRI>"),
            ("PREFIX dbo: http://dbpedia.org/ontology/ ASK { ?x a dbo:Y }", "line 1: a PREFIX declaration is written"),
            ("SELECT ?s {\n ?s ?p ?o } LIMT 1", "line 2: LIMT is no SPARQL keyword or function"),
            ("SELECT ?s { ?s <http://e/p>+ ?o\n FILTER(strlenn(?o) > 1) }", "line 2: strlenn is no SPARQL keyword or function"),
        ])
        XCTAssertThrowsError(try store.update("INSERT DATA {\n <http://e/a> <http://e/b> \"c }", baseIRI: nil, policy: RemotePolicy())) { error in
            XCTAssertTrue("\(error)".contains("line 2: the string \"c }… is never closed"), "\(error)")
        }
        // Less-than is no IRI, and known words in any case are SPARQL's.
        guard case .boolean(let answered) = try store.query("ASK { FILTER(1 < 2 && StrLen('ab') > 1 && isiri(<http://e/a>)) }") else {
            return XCTFail("no answer")
        }
        XCTAssertTrue(answered)
    }

    func testAnUndeclaredPrefixInAnUpdateIsNamedOnItsLine() throws {
        let store = try Store(.memory)
        XCTAssertThrowsError(try store.update("PREFIX ex: <http://e/>\nINSERT DATA { ex:a ex:b ex:c } ;\nDELETE WHERE { ?s ex:p ?o ; ey:q ?x }",
                                              baseIRI: nil, policy: RemotePolicy())) { error in
            XCTAssertTrue("\(error)".contains("line 3: the prefix ey: of ey:q is not declared"), "\(error)")
        }
        var quads = 0
        try store.forEachQuad { _ in quads += 1 }
        XCTAssertEqual(quads, 0, "nothing of a refused request is done")
    }

    func testDeclaredPrefixesAreRead() throws {
        let store = try Store(.memory)
        guard case .boolean(let answered) = try store.query("PREFIX ex: <http://e/>\nASK { FILTER NOT EXISTS { ex:a ex:b ex:c } MINUS { ex:a ex:b ?c } }") else {
            return XCTFail("no answer")
        }
        XCTAssertTrue(answered)
    }

    func testAnErrorBesidePathsExistsOrMinusIsReportedAsItself() throws {
        let store = try Store(.memory)
        let refused: [(query: String, message: String)] = [
            ("SELECT ?s {\n ?s ?p ?o FILTER NOT EXISTS { ?s <http://e/p> ?x }\n ?s ?p }", "line 3: syntax error, unexpected '}'"),
            ("SELECT ?s {\n ?s ?p ?o MINUS { ?s <http://e/p> ?x }\n ?s ?p }", "line 3: syntax error, unexpected '?'"),
            ("SELECT ?s {\n ?s ?p ?o FILTER EXISTS { ?s <http://e/p> ?x\n", "line 3: syntax error, unexpected $end"),
            ("SELECT ?s {\n ?s <http://e/p>+ ?o .\n ?s ?p }", "line 3: syntax error, unexpected '}'"),
            ("SELECT ?s {\n ?s <http://e/p>/<http://e/q> ?o FILTER NOT EXISTS { ?o <http://e/p>* ?s }\n FILTER(?o = ) }",
             "line 3: syntax error, unexpected ')'"),
        ]
        store.assertRefused(refused)
        for message in refused.map(\.query).compactMap(store.syntaxError) {
            XCTAssertFalse(message.contains("EXISTS and MINUS are answered"), message)
            XCTAssertFalse(message.contains("line 2"), message)
        }
    }

    /// The store's own checks read the query as well formed; rasqal's error comes first.
    func testAMalformedQueryIsNotReportedAsGroupedWrongly() throws {
        let store = try Store(.memory)
        let refused: [(query: String, message: String)] = [
            ("SELECT ?s { ?s ?p ?o } GROUP ?s", "syntax error, unexpected '?', expecting BY"),
            ("SELECT COUNT(?s) AS ?n { ?s ?p ?o }", "syntax error, unexpected COUNT"),
        ]
        store.assertRefused(refused)
        // Well formed, it is still the check that refuses it.
        store.assertRefused([("SELECT ?s { ?s ?p ?o } GROUP BY ?p", "?s is used outside an aggregate, but it is not a GROUP BY key")])
    }

    /// A query cut short after GROUP, ORDER or FILTER NOT EXISTS trapped in the store's own
    /// readers (`SelectClause`, `PatternReader.readExpression`), reported as a rasqal crash.
    func testAQueryCutShortIsASyntaxError() throws {
        let store = try Store(.memory)
        store.assertRefused([
            ("SELECT ?s ?o { ?s ?p ?o } ORDER", "unexpected $end, expecting BY"),
            ("SELECT ?s (COUNT(*) AS ?c) { ?s ?p ?o } GROUP", "unexpected $end, expecting BY"),
            ("SELECT ?s { ?s ?p ?o FILTER NOT EXISTS ", "line 1: syntax error"),
        ])
    }

    func testExistsWhereOnlyRasqalWouldRunItKeepsTheNote() throws {
        let store = try Store(.memory)
        XCTAssertThrowsError(try store.query("SELECT ?s (COUNT(*) AS ?c) { ?s ?p ?o } GROUP BY ?s HAVING(EXISTS { ?s ?p ?z })")) { error in
            XCTAssertTrue("\(error)".contains("EXISTS and MINUS are answered by the store"), "\(error)")
        }
    }
}
