import RDFModel
import SQLiteStorage
import Store
import XCTest

/// CONCAT, STRBEFORE and STRAFTER over computed arguments, which rasqal 0.9.33 alone answers
/// with freed memory (garbage or nothing); `StringArgumentRewrite` binds such arguments first.
/// SUBSTR at the ends of its text (`SubstringRewrite`). UCASE and LCASE of letters beyond ASCII.
/// `CONCAT()` (`EmptyConcatRewrite`) and IRI of an IRI (`IRIArgumentRewrite`); CONCAT of an
/// unbound argument.
final class StringFunctionTests: XCTestCase {
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for object: RDFTerm in [.iri("http://example.org/some/long/path"), .literal("short"), .literal("a much longer literal value here")] {
                try add(Quad(.iri("http://ex/a"), .iri("http://ex/p"), object))
            }
        }
        return store
    }

    /// The solutions' values in order, as strings; the column names checked too.
    private func rows(_ store: Store, _ sparql: String, variables: [String]) throws -> [[String]] {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return []
        }
        XCTAssertEqual(cursor.variables, variables, sparql)
        return sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" } }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func testComputedArgumentsInBind() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, #"SELECT * { :a :p ?o BIND(STRAFTER(STR(?o), "o") AS ?after) BIND(STRBEFORE(STR(?o), "o") AS ?before) }"#,
                                variables: ["o", "after", "before"]).map { Array($0.dropFirst()) },
                       [["nger literal value here", "a much l"], ["rg/some/long/path", "http://example."], ["rt", "sh"]])
        XCTAssertEqual(try rows(store, #"SELECT ?v { :a :p ?o FILTER(isIRI(?o)) BIND(IRI(CONCAT("http://x/", ENCODE_FOR_URI(STR(?o)))) AS ?v) }"#,
                                variables: ["v"]),
                       [["http://x/http%3A%2F%2Fexample.org%2Fsome%2Flong%2Fpath"]])
    }

    /// rasqal alone read a length of 0 as "to the end", counted a start below 1 from the first
    /// character, and answered no value past the end.
    func testSubstringAtTheEndsOfItsText() throws {
        let store = try makeStore()
        let answer = try rows(store, #"SELECT (SUBSTR("abc", 2, 0) AS ?none) (SUBSTR("abc", 0, 2) AS ?first) (SUBSTR("abc"@en, 4) AS ?past) "#
                              + #"(LANG(SUBSTR("abc"@en, 4)) AS ?tag) (SUBSTR("a👪bc", 2, 9) AS ?rest) (SUBSTR(SUBSTR("abcdef", 2), 2, 3) AS ?inner) {}"#,
                              variables: ["none", "first", "past", "tag", "rest", "inner"])
        XCTAssertEqual(answer, [["", "a", "", "en", "👪bc", "cde"]])
    }

    func testComputedArgumentsInFiltersProjectionsAndAggregates() throws {
        let store = try makeStore()
        // Over a WHERE clause that is a subquery alone, the BINDs follow it in a group of their own.
        XCTAssertEqual(try rows(store, #"SELECT (CONCAT(STR(?o), "!") AS ?t) WHERE { SELECT ?o { :a :p ?o FILTER(isIRI(?o)) } }"#,
                                variables: ["t"]),
                       [["http://example.org/some/long/path!"]])
        XCTAssertEqual(try rows(store, #"SELECT ?o { :a :p ?o OPTIONAL { ?o ?x ?y } FILTER(CONCAT(UCASE(?o), "?") = "SHORT?") }"#, variables: ["o"]),
                       [["short"]])
        XCTAssertEqual(try rows(store, #"SELECT (CONCAT(STRAFTER(STR(?o), "/"), "|", LCASE(STR(?o))) AS ?v) { :a :p ?o }"#, variables: ["v"]),
                       [["/example.org/some/long/path|http://example.org/some/long/path"], ["|a much longer literal value here"], ["|short"]])
        XCTAssertEqual(try rows(store, #"SELECT (GROUP_CONCAT(CONCAT(STR(?o), "!"); separator=", ") AS ?all) { ?s :p ?o FILTER(isLiteral(?o)) } GROUP BY ?s"#,
                                variables: ["all"]).map { Set($0[0].components(separatedBy: ", ")) },
                       [["short!", "a much longer literal value here!"]])
    }

    /// rasqal alone changed the case of ASCII letters only (`CRasqalOverrides`' letter case);
    /// full mappings as XPath's fn:upper-case and fn:lower-case apply them.
    func testUpperAndLowerCaseOfEveryLetter() throws {
        let store = try makeStore()
        let cased = try rows(store, #"""
            SELECT ?up ?down { VALUES ?s { "naïve Ærø" "Ελλάδα" "МОСКВА"@ru "ǅ x" } BIND(UCASE(?s) AS ?up) BIND(LCASE(?s) AS ?down) }
            """#, variables: ["up", "down"])
        XCTAssertEqual(cased, [["NAÏVE ÆRØ", "naïve ærø"], ["ΕΛΛΆΔΑ", "ελλάδα"], ["МОСКВА", "москва"], ["Ǆ X", "ǆ x"]]
            .sorted { $0.lexicographicallyPrecedes($1) })
        guard case .solutions(let cursor) = try store.query(#"SELECT (UCASE("straße"@de) AS ?u) {}"#) else { return XCTFail("no solutions") }
        XCTAssertEqual(cursor.next()?.first ?? nil, .literal("STRASSE", language: "de"), "ß is SS in upper case; the language tag kept")
        let full = try rows(store, #"""
            SELECT ?up ?down { VALUES ?s { "ﬁne ΐ" "ΟΔΟΣ ΣΑΣ." "İstanbul" } BIND(UCASE(?s) AS ?up) BIND(LCASE(?s) AS ?down) }
            """#, variables: ["up", "down"])
        XCTAssertEqual(Set(full), [["FINE \u{399}\u{308}\u{301}", "ﬁne ΐ"], ["ΟΔΟΣ ΣΑΣ.", "οδος σας."], ["İSTANBUL", "i\u{307}stanbul"]])
    }

    /// A number, a boolean or a date is no string to the string functions (`rasqal_string_arguments.c`):
    /// rasqal read its text, so STRLEN(2.5) was 3, and SUBSTR of one (or of an IRI, or from a
    /// start that is no number) was "" (the empty answer `SubstringRewrite` writes). STR and casts
    /// still give the text.
    func testStringFunctionsOfNonStringsAreErrors() throws {
        let store = try makeStore()
        let calls = ["STRLEN(2.5)", "UCASE(true)", #"CONCAT(1, "a")"#, #"REGEX(1, "1")"#, #"CONTAINS(1e0, "1")"#, "ENCODE_FOR_URI(3)",
                     #"SUBSTR("2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date>, 1)"#, #"STRLEN("x"^^<http://example.org/t>)"#,
                     "SUBSTR(<http://example.org/x>, 1)", #"SUBSTR("abc", "x")"#, #"SUBSTR("abc", 1, "x")"#, "STRLEN(STR(2.5))", #"STRLEN("ab"@en)"#,
                     "<http://www.w3.org/2001/XMLSchema#string>(2.5)"]
        let answers = try calls.map { call -> String? in
            guard case .solutions(let cursor) = try store.query("SELECT (\(call) AS ?v) {}") else { return nil }
            return cursor.next()?.first??.value
        }
        XCTAssertEqual(answers, [nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "3", "2", "2.5"])
    }

    /// rasqal alone never ended when the pattern matched the empty string, filled `$1` with the
    /// wrong text and let `^` match after each replacement (`CRasqalOverrides`' REPLACE).
    func testReplaceOfEmptyMatchesGroupsAndAnchors() throws {
        let store = try makeStore()
        func replaced(_ text: String, _ pattern: String, _ replacement: String, flags: String? = nil) throws -> String? {
            let arguments = [text, pattern, replacement] + (flags.map { [$0] } ?? [])
            let call = "REPLACE(" + arguments.map { "\"" + NTriples.escapeString($0) + "\"" }.joined(separator: ", ") + ")"
            guard case .solutions(let cursor) = try store.query("SELECT (\(call) AS ?v) {}") else { return nil }
            return cursor.next()?.first??.value
        }
        XCTAssertEqual(try replaced("abc", "^", "-"), "-abc")
        XCTAssertEqual(try replaced("baaac", "a*", "-"), "-b-c-", "an empty match right after a match is skipped, as in Oxigraph")
        XCTAssertEqual(try replaced("ab cd", "\\b", "|"), "|ab| |cd|")
        XCTAssertEqual(try replaced("aab", "^a", ""), "ab", "^ matches at the start only")
        XCTAssertEqual(try replaced("2026-11-27", "([0-9]+)-([0-9]+)-([0-9]+)", "$3.$2.$1"), "27.11.2026")
        XCTAssertEqual(try replaced("abcdefghijk", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$11$10$1"), "kja")
        XCTAssertEqual(try replaced("ab", "(a)|(x)", "[$2$0]"), "[a]b", "a group that took no part is empty")
        XCTAssertEqual(try replaced("naïve", ".", "·"), "·····", "characters, not bytes")
        XCTAssertEqual(try replaced("Straße STRASSE", "straße", "x", flags: "i"), "x STRASSE")
        XCTAssertEqual(try replaced("a$b\\c", "[$\\\\]", "\\$"), "a$b$c")
        XCTAssertThrowsError(try replaced("abc", "b", "$x")) { error in
            XCTAssertTrue("\(error)".contains("replacement"), "\(error)")
        }
        XCTAssertEqual(try rows(store, #"SELECT (REPLACE(?o, "o", "\\$1") AS ?v) { :a :p ?o FILTER(isLiteral(?o)) }"#, variables: ["v"]),
                       [["a much l$1nger literal value here"], ["sh$1rt"]])
    }

    func testRewrittenQueriesKeepTheirLineNumbersInErrors() throws {
        let store = try makeStore()
        XCTAssertThrowsError(try store.query("SELECT (CONCAT(STR(?o),\n \"!\") AS ?v) { ?s ?p ?o }\nLIMIT x")) { error in
            XCTAssertTrue(String(describing: error).contains("line 3"), "\(error)")
        }
    }

    /// SPARQL makes a CONCAT of an unbound or failing argument an error; rasqal skipped it.
    func testConcatOfAnUnboundArgumentIsUnbound() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?n (CONCAT(\"<\", ?n, \">\") AS ?c) (CONCAT(\"a\", STR(1/0)) AS ?e) { VALUES ?n { \"x\" UNDEF } }",
                                variables: ["n", "c", "e"]), [["-", "-", "-"], ["x", "<x>", "-"]])
        XCTAssertEqual(try rows(store, "SELECT ?o { :a :p ?o OPTIONAL { ?o :q ?q } BIND(CONCAT(STR(?o), ?q) AS ?c) FILTER(!BOUND(?c)) }",
                                variables: ["o"]).count, 3)
    }

    func testEmptyConcatIsTheEmptyString() throws {
        XCTAssertEqual(try rows(try makeStore(), "SELECT (CONCAT() AS ?s) (CONCAT ( ) AS ?t) {}", variables: ["s", "t"]), [["", ""]])
    }

    func testIRIOfAnIRIIsThatIRI() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT (IRI(?o) AS ?i) (uri(:x) AS ?u) { :a :p ?o FILTER(isIRI(?o)) }", variables: ["i", "u"]),
                       [["http://example.org/some/long/path", "http://ex/x"]])
        // A string is still read as one, relative to the base.
        guard case .solutions(let cursor) = try store.query(#"BASE <http://b/> SELECT (IRI(?o) AS ?i) { ?s ?p ?o FILTER(?o = "short") }"#) else {
            return XCTFail("no solutions")
        }
        XCTAssertEqual(cursor.next()?.first, .iri("http://b/short"))
        // Anything but an IRI, a simple literal or an xsd:string is an error: no value.
        guard case .solutions(let others) = try store.query(#"SELECT ?v (IRI(?v) AS ?i) { VALUES ?v { 1 "t"@en true } }"#) else {
            return XCTFail("no solutions")
        }
        XCTAssertEqual(sequence(state: others) { $0.next() }.map { $0[1] }, [nil, nil, nil])
    }
}
