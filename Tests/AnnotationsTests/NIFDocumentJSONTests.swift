import Annotations
import Foundation
import XCTest

/// The JSON for web apps parses (Foundation's JSONSerialization) and says what the RDF says.
final class NIFDocumentJSONTests: XCTestCase {
    private func object(_ post: AnnotatedPost) throws -> [String: Any] {
        let json = NIFDocument.json(post)
        XCTAssertFalse(json.contains("\n"), "one line per post")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func testJSONOfALinkedAndANILMention() throws {
        let post = try object(AnnotationFixtures.messi)
        XCTAssertEqual(post["id"] as? String, "tweet/42")
        XCTAssertEqual(post["text"] as? String, "🎉 Messi à Paris")
        XCTAssertEqual(post["graph"] as? String, "https://w3id.org/coattkg/graph/post/tweet%2F42")
        XCTAssertEqual(post["context"] as? String, "https://w3id.org/coattkg/post/tweet%2F42#char=0,15")
        let mentions = try XCTUnwrap(post["mentions"] as? [[String: Any]])
        XCTAssertEqual(mentions.count, 2)
        let (messi, paris) = (mentions[0], mentions[1])
        XCTAssertEqual(messi["begin"] as? Int, 2)
        XCTAssertEqual(messi["end"] as? Int, 7)
        XCTAssertEqual(messi["utf16Begin"] as? Int, 3, "the emoji is two UTF-16 units")
        XCTAssertEqual(messi["utf16End"] as? Int, 8)
        XCTAssertEqual(messi["text"] as? String, "Messi")
        XCTAssertEqual(messi["type"] as? String, "PER")
        XCTAssertEqual(messi["class"] as? String, "http://dbpedia.org/ontology/Person")
        XCTAssertEqual(messi["entity"] as? String, "http://dbpedia.org/resource/Lionel_Messi")
        XCTAssertEqual(messi["entityClasses"] as? [String], ["http://dbpedia.org/ontology/Athlete", "http://dbpedia.org/ontology/Person"])
        XCTAssertEqual(messi["confidence"] as? Double, 0.375)
        XCTAssertEqual(messi["recognitionConfidence"] as? Double, 0.75)
        XCTAssertEqual(messi["linkingConfidence"] as? Double, 0.5)
        XCTAssertTrue(paris["entity"] is NSNull, "NIL")
        XCTAssertTrue(paris["linkingConfidence"] is NSNull)
        XCTAssertEqual(paris["class"] as? String, "http://dbpedia.org/ontology/Place")
        XCTAssertEqual(paris["confidence"] as? Double, 0.25)
    }

    /// JavaScript slices `text.substring(utf16Begin, utf16End)`: NSString counts the same units.
    func testUTF16OffsetsSliceTheSameTextAsScalarOffsets() throws {
        let text = "👩‍👩‍👧 \"Zoe\u{0308}\"\n\\ في 𝔘nicode\u{1}"
        let post = try object(AnnotationFixtures.post(text, spans: [0..<5, 6..<11, 15..<17, 18..<25]))
        XCTAssertEqual(post["text"] as? String, text, "quotes, backslashes and control characters escaped")
        for mention in try XCTUnwrap(post["mentions"] as? [[String: Any]]) {
            let begin = try XCTUnwrap(mention["utf16Begin"] as? Int), end = try XCTUnwrap(mention["utf16End"] as? Int)
            XCTAssertEqual((text as NSString).substring(with: NSRange(location: begin, length: end - begin)), mention["text"] as? String)
        }
    }

    func testEmptyPostHasNoMentions() throws {
        let post = try object(AnnotationFixtures.post("", spans: []))
        XCTAssertEqual((post["mentions"] as? [Any])?.count, 0)
    }
}
