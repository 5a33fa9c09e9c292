import Store
import XCTest

/// A query's `\u` and `\U` escapes must stand for characters the store can hold
/// (`CharacterEscapeCheck`): rasqal matched an escaped surrogate against nothing, and compared
/// strings cut short at a NUL.
final class CharacterEscapeTests: XCTestCase {
    func testAnEscapeOfNoCharacterIsASyntaxError() throws {
        let store = try Store(.memory)
        let refused = [
            ("SELECT * {\n ?s ?p '\\uD800' }", "line 2: '\\uD800' holds \\uD800, which is no character"),
            ("ASK { FILTER(\"\\U0000DFFF\" = \"\") }", "holds \\U0000DFFF, which is no character"),
            // rasqal's own error, which comes first.
            ("SELECT * { <http://e/\\U00110000> ?p ?o }", "Illegal Unicode character with code point #x110000"),
            ("ASK { FILTER(STRSTARTS(\"abc\", \"a\\u0000z\")) }", "holds a NUL character"),
        ]
        store.assertRefused(refused)
    }

    func testEscapesOfCharactersAreRead() throws {
        let store = try Store(.memory)
        // `\\uD800` is a backslash and the text uD800.
        guard case .boolean(let read) = try store.query(#"ASK { FILTER("\U0001F600\u00e9" = "😀é" && STRLEN("\\uD800") = 6) }"#) else {
            return XCTFail("no answer")
        }
        XCTAssertTrue(read)
    }
}
