import Foundation
import QueryWorkers
@testable import SPARQLEndpoint
import SPARQLProtocol
import XCTest

/// How `POST /extract` reads its request: the output format from Accept, the post from JSON or
/// multipart/form-data, and the refusals.
final class ExtractRequestDecoderTests: XCTestCase {
    private func decode(_ body: String, contentType: String = "application/json", query: String? = nil,
                        accept: String? = nil) throws(ProtocolError) -> PostExtractionRequest {
        try ExtractRequestDecoder().decode(ProtocolRequest(method: "POST", query: query, contentType: contentType, accept: accept,
                                                           body: Data(body.utf8)))
    }

    private func status(_ work: () throws(ProtocolError) -> Any) -> Int? {
        do { _ = try work() } catch { return error.status }
        return nil
    }

    func testTheFormatFollowsAcceptWithItsQualities() throws {
        let cases: [(String?, String)] = [
            (nil, "json"), ("*/*", "json"), ("text/*", "turtle"), ("application/*", "json"),
            ("text/turtle;q=0.5, application/n-triples", "ntriples"), ("application/n-quads, */*;q=0.1", "nquads"),
            ("application/rdf+xml", "rdfxml"), ("*/*, application/json;q=0", "turtle"),
        ]
        for (accept, expected) in cases {
            XCTAssertEqual(try ExtractRequestDecoder.format(accept: accept, parameter: nil), expected, accept ?? "no Accept")
        }
        XCTAssertEqual(try ExtractRequestDecoder.format(accept: "text/csv", parameter: "turtle"), "turtle", "format wins over Accept")
        XCTAssertEqual(status { () throws(ProtocolError) in try ExtractRequestDecoder.format(accept: "text/csv, text/html", parameter: nil) }, 406)
        XCTAssertEqual(status { () throws(ProtocolError) in try ExtractRequestDecoder.format(accept: nil, parameter: "csv") }, 406)
    }

    func testJSONPosts() throws {
        let post = try decode(#"{"text": "Obama in Paris", "id": "p 1", "store": true}"#, accept: "text/turtle")
        XCTAssertEqual(post, PostExtractionRequest(text: "Obama in Paris", id: "p 1", format: "turtle", store: true))
        XCTAssertEqual(try decode(#"{"text": ""}"#, query: "store=true").store, true)
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(#"{"id": "x"}"#) }, 400)
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(#"{"text": "a", "id": ""}"#) }, 400)
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(#"["text"]"#) }, 400)
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(#"{"text": "a"}"#, query: "store=maybe") }, 400)
        XCTAssertEqual(status { () throws(ProtocolError) in try decode("text", contentType: "text/plain") }, 415)
        // What is wrong, in a line: the field of the wrong type, JSON that is not JSON, bytes that are not UTF-8.
        for (body, problem) in [(Data(#"{"text": 5}"#.utf8), #""text" has the wrong type"#), (Data("{".utf8), "not valid JSON"),
                                (Data([0x7B, 0xFF, 0x7D]), "not UTF-8")] {
            do {
                _ = try ExtractRequestDecoder().decode(ProtocolRequest(method: "POST", query: nil, contentType: "application/json", accept: nil, body: body))
                XCTFail("\(problem) was accepted")
            } catch {
                XCTAssertTrue(error.message.hasSuffix(problem), error.message)
            }
        }
    }

    func testMultipartForms() throws {
        let body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nÉlodie à Paris\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\u{FF}\u{D8}--XyZ-not-a-boundary\r\n"
            + "--XyZ--\r\nepilogue"
        let post = try decode(body, contentType: "multipart/form-data; boundary=\"XyZ\"")
        XCTAssertEqual(post.text, "Élodie à Paris")
        XCTAssertNil(post.id, "an empty id field is no id")
        XCTAssertEqual(post.image, Data("\u{FF}\u{D8}--XyZ-not-a-boundary".utf8))
        XCTAssertEqual(post.format, "json")
        let withoutText = "--b\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nx\r\n--b--\r\n"
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(withoutText, contentType: "multipart/form-data; boundary=b") }, 400)
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(withoutText, contentType: "multipart/form-data") }, 400)
        let unterminated = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nObama"
        XCTAssertEqual(status { () throws(ProtocolError) in try decode(unterminated, contentType: "multipart/form-data; boundary=b") }, 400)
    }

    private func form(_ parts: [(name: String, filename: String?, value: String)]) -> String {
        parts.map { part in
            "--b\r\nContent-Disposition: form-data; name=\"\(part.name)\"" + (part.filename.map { "; filename=\"\($0)\"" } ?? "")
                + "\r\n\r\n\(part.value)\r\n"
        }.joined() + "--b--\r\n"
    }

    /// Two images (or texts…) for one post are refused, naming the part: neither is picked silently.
    func testAFieldSentTwiceIsRefusedByName() throws {
        for name in ["image", "text", "id"] {
            let body = form([("text", nil, "Obama"), (name, name == "image" ? "a.jpg" : nil, "x"), (name, name == "image" ? "b.jpg" : nil, "y")])
            do {
                _ = try decode(body, contentType: "multipart/form-data; boundary=b")
                XCTFail("\(name) twice was accepted")
            } catch {
                XCTAssertEqual(error.status, 400)
                XCTAssertTrue(error.message.contains("'\(name)' parts"), error.message)
            }
        }
    }

    /// An empty file input (no file chosen: an empty file name) is no image; an empty upload is an
    /// image the worker reports as unusable.
    func testAnEmptyImagePartIsAnImageUnlessNoFileWasChosen() throws {
        let noFile = try decode(form([("text", nil, "Obama"), ("image", "", "")]), contentType: "multipart/form-data; boundary=b")
        XCTAssertNil(noFile.image)
        for filename in ["empty.jpg", nil] {
            let empty = try decode(form([("text", nil, "Obama"), ("image", filename, "")]), contentType: "multipart/form-data; boundary=b")
            XCTAssertEqual(empty.image, Data(), "filename \(filename ?? "none")")
        }
    }
}
