import Foundation
import RDFModel
import SPARQLResults
import XCTest

final class JSONResultsTests: XCTestCase {
    func testEmojiAndControlCharactersGiveValidJSONThatRoundTrips() throws {
        let text = Fixture.render(Fixture.awkwardTable, as: .json)
        let data = Data(text.utf8)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let bindings = try XCTUnwrap((parsed["results"] as? [String: Any])?["bindings"] as? [[String: Any]])
        let first = try XCTUnwrap(bindings.first?["o"] as? [String: String])
        XCTAssertEqual(first["value"], "emoji 😀 \"quoted\"\nline\ttab\r\\ and \u{1} control")
        XCTAssertEqual(first["xml:lang"], "en-GB", "language tags are kept as given")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "control characters must be escaped")
        XCTAssertEqual(try JSONResultsReader.read(data), .solutions(Fixture.awkwardTable))
    }

    func testVocabularyOfTermObjects() throws {
        let text = Fixture.render(SolutionTable(variables: ["x", "y", "z"], rows: [
            [.iri("http://e/a"), .blank("b"), .literal("1", datatype: Fixture.xsd + "integer")],
            [.literal("s", datatype: Fixture.xsd + "string"), nil, nil],
        ]), as: .json)
        XCTAssertTrue(text.contains(#"{ "type": "uri", "value": "http://e/a" }"#))
        XCTAssertTrue(text.contains(#"{ "type": "bnode", "value": "b" }"#))
        XCTAssertTrue(text.contains(#"{ "type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer" }"#))
        XCTAssertTrue(text.contains(#"{ "x": { "type": "literal", "value": "s" } }"#), "unbound variables are left out")
        XCTAssertTrue(text.contains(#""head": { "vars": [ "x", "y", "z" ] }"#))
    }

    func testLineSeparatorsAreEscapedAndOtherTextIsKept() throws {
        // "–" (U+2013) shares its UTF-8 lead byte with U+2028/U+2029 but needs no escape.
        let value = "Zürich – line\u{2028}para\u{2029}end"
        let text = Fixture.render(SolutionTable(variables: ["x"], rows: [[.literal(value)], [.iri("http://e/é")]]), as: .json)
        XCTAssertTrue(text.contains(#""value": "Zürich – line\u2028para\u2029end""#), text)
        XCTAssertTrue(text.contains(#""value": "http://e/é""#), text)
        XCTAssertEqual(try JSONResultsReader.read(Data(text.utf8)),
                       .solutions(SolutionTable(variables: ["x"], rows: [[.literal(value)], [.iri("http://e/é")]])))
    }

    func testEmptyResultsAndBooleans() throws {
        let empty = Fixture.render(SolutionTable(variables: ["x"]), as: .json)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(empty.utf8)))
        var boolean = ""
        ResultsFormat.json.writeBoolean(true) { boolean += $0 }
        XCTAssertEqual(boolean, "{\"head\":{},\"boolean\":true}\n")
        XCTAssertEqual(try JSONResultsReader.read(Data(boolean.utf8)), .boolean(true))
    }

    func testReaderAcceptsSurrogatePairsAndRejectsGarbage() throws {
        let json = #"{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"\uD83D\uDE00"}}]}}"#
        XCTAssertEqual(try JSONResultsReader.read(Data(json.utf8)),
                       .solutions(SolutionTable(variables: ["x"], rows: [[.literal("😀")]])))
        XCTAssertThrowsError(try JSONResultsReader.read(Data("{\"head\":{}}".utf8)))
        XCTAssertThrowsError(try JSONResultsReader.read(Data("not json".utf8)))
    }
}
