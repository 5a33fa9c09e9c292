import RDFModel
import SQLiteStorage
import Store
import XCTest

/// REGEX and REPLACE read their patterns as SPARQL says (XPath regular expressions), constant or
/// computed, not as the POSIX expressions rasqal 0.9.33 hands to glibc, where `\d` is the letter
/// d and `.` matches a line break (`RegexTranslator`), over characters, not bytes; what POSIX
/// cannot say is refused with a message.
final class RegexTests: XCTestCase {
    private static let texts = ["123", "d", "a b", "a\nc", "abc", "x\nab", "hello_world", "héllo", "a.b", "a-1", "A?+*.{}()[]c", "tab\there"]

    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for text in Self.texts { try add(Quad(.iri("http://ex/a"), .iri("http://ex/p"), .literal(text))) }
        }
        return store
    }

    /// The texts the filter keeps, sorted.
    private func matching(_ store: Store, _ filter: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        guard case .solutions(let cursor) = try store.query("SELECT ?o { <http://ex/a> <http://ex/p> ?o FILTER(\(filter)) }") else {
            XCTFail("no solutions", file: file, line: line)
            return []
        }
        return sequence(state: cursor) { $0.next() }.compactMap { $0[0]?.value }.sorted()
    }

    func testClassEscapesMeanWhatXPathSays() throws {
        let store = try makeStore()
        XCTAssertEqual(try matching(store, #"regex(?o, "^\\d+$")"#), ["123"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^\\D+$")"#).contains("123"), false)
        XCTAssertEqual(try matching(store, #"regex(?o, "\\s")"#), ["a\nc", "a b", "tab\there", "x\nab"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^\\S+$")"#).contains("a b"), false)
        // \w: letters, digits and symbols, not punctuation (the underscore is punctuation).
        XCTAssertEqual(try matching(store, #"regex(?o, "^\\w+$")"#), ["123", "abc", "d", "héllo"])
        XCTAssertEqual(try matching(store, #"regex(?o, "\\W")"#).contains("hello_world"), true)
        XCTAssertEqual(try matching(store, #"regex(?o, "\\t")"#), ["tab\there"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^[\\d\\-a]+$")"#), ["123", "a-1"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^a[.]b$")"#), ["a.b"])
    }

    func testFlags() throws {
        let store = try makeStore()
        XCTAssertEqual(try matching(store, #"regex(?o, "^a.c$")"#), ["abc"], "a dot is no line break")
        XCTAssertEqual(try matching(store, #"regex(?o, "^a.c$", "s")"#), ["a\nc", "abc"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^ab$", "m")"#), ["x\nab"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^ a b c $", "x")"#), ["abc"])
        XCTAssertEqual(try matching(store, #"regex(?o, "a?+*.{}()[]C", "qi")"#), ["A?+*.{}()[]c"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^ABC$", "i")"#), ["abc"])
    }

    func testReplaceUsesTheSamePatterns() throws {
        let store = try makeStore()
        guard case .solutions(let cursor) = try store.query(##"SELECT (REPLACE("a1b22", "\\d+", "#") AS ?r) {}"##) else { return XCTFail() }
        XCTAssertEqual(cursor.next()?[0]?.value, "a#b#")
    }

    /// Patterns and flags from variables and expressions are read as SPARQL says too (rasqal alone,
    /// and the query-text rewrite of constant patterns before them, left them to POSIX).
    func testComputedPatternsAndFlags() throws {
        let store = try makeStore()
        XCTAssertEqual(try matching(store, #"regex(?o, CONCAT("^\\d", "+$"))"#), ["123"])
        guard case .solutions(let cursor) = try store.query(#"""
            SELECT ?p ?f ?r { VALUES (?p ?f) { ("^a.c$" "") ("^a.c$" "s") ("\\w+" "") } BIND(REPLACE("a\nc", ?p, "#", ?f) AS ?r) }
            """#) else { return XCTFail() }
        XCTAssertEqual(sequence(state: cursor) { $0.next() }.map { $0[2]?.value ?? "-" }, ["a\nc", "#", "#\n#"])
        XCTAssertThrowsError(try matching(store, #"regex(?o, CONCAT("\\p", "{L}"))"#)) { error in
            XCTAssertTrue("\(error)".contains("Unicode or XML name classes"), "\(error)")
        }
    }

    /// A pattern reads characters, not UTF-8 bytes (`CharacterLocale`): rasqal alone matched `.`
    /// with one byte of "é" and wrote a dash for each byte of a character REPLACE replaced.
    func testPatternsReadCharactersBeyondASCII() throws {
        let store = try makeStore()
        XCTAssertEqual(try matching(store, #"regex(?o, "^h.llo$")"#), ["héllo"])
        XCTAssertEqual(try matching(store, #"regex(?o, "^H[^a-z]LLO$", "i")"#), ["héllo"])
        XCTAssertEqual(try matching(store, #"regex(?o, "HÉ", "i")"#), ["héllo"])
        guard case .solutions(let cursor) = try store.query(#"SELECT (REPLACE("日本 naïve 👪", "[^a-z]", "-") AS ?r) {}"#) else { return XCTFail() }
        XCTAssertEqual(cursor.next()?[0]?.value, "---na-ve--")
    }

    /// Compiled patterns are kept per thread, eight at a time (`rasqal_regex_cache.c`): more
    /// patterns than that, taken in turn for every text, each still answer for themselves, and
    /// `i` is part of what is kept.
    func testMorePatternsThanTheCacheHoldsInOneQuery() throws {
        let store = try makeStore()
        let patterns = ["^1", "^d$", "b$", "^abc", "world", "é", #"\\."#, "-1", #"\\?"#, #"\\t"#, "^x", "^a b"]
        XCTAssertEqual(try matching(store, patterns.map { "REGEX(?o, \"\($0)\")" }.joined(separator: " || ")),
                       ["123", "A?+*.{}()[]c", "a b", "a-1", "a.b", "abc", "d", "hello_world", "héllo", "tab\there", "x\nab"])
        XCTAssertEqual(try matching(store, #"REGEX(?o, "^ABC$", "i") && !REGEX(?o, "^ABC$")"#), ["abc"])
    }

    func testWhatPOSIXCannotSayIsRefused() throws {
        let store = try makeStore()
        for (filter, message) in [(#"regex(?o, "\\p{Lu}")"#, "\\p"), (#"regex(?o, "[\\w.]")"#, "inside […]"),
                                  (#"regex(?o, "[a-z-[aeiou]]")"#, "subtraction"), (#"regex(?o, "a", "z")"#, "flag 'z'")] {
            XCTAssertThrowsError(try matching(store, filter), filter) { XCTAssertTrue("\($0)".contains(message), "\(filter): \($0)") }
        }
        XCTAssertThrowsError(try store.query(#"SELECT (REPLACE("a\nb", "^b", "c", "m") AS ?r) {}"#))
    }
}
