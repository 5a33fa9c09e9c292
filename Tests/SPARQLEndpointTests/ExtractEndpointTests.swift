import Foundation
import RDFModel
import SharedTestPaths
import SPARQLResults
import XCTest

/// `POST /extract` and the page at `/` over real HTTP, on endpoints whose workers load the tiny
/// tagger of ``TinyTagger`` (bert-tiny fitted to four posts: "Obama visited Paris" → PER, LOC).
/// Its store has no TransE model, so every mention is NIL; linking has tests of its own.
final class ExtractEndpointTests: XCTestCase {
    private let token = "extract-token-\(UUID().uuidString)"
    private let post = "Obama visited Paris"
    private var store: TestStore!
    private var server: ServerProcess!

    override func setUpWithError() throws {
        store = try TestStore()
    }

    override func tearDown() {
        server?.stop()
        server = nil
        store = nil
    }

    /// Starts the endpoint with the tiny tagger (and the update token unless `token` is false).
    private func start(token: Bool = true, arguments: [String] = []) throws {
        server = try ServerProcess(store: store.store, arguments: ["--ner-model", try TinyTagger.folder().path] + arguments,
                                   token: token ? self.token : nil)
    }

    private func extract(json: String, query: String = "", headers: [String: String] = [:]) async throws -> HTTPResult {
        try await HTTP.send("POST", "\(server.base)/extract\(query)", headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
                            body: Data(json.utf8))
    }

    private func extract(form fields: [(name: String, filename: String?, value: Data)], headers: [String: String] = [:]) async throws -> HTTPResult {
        let boundary = "coatt-\(UUID().uuidString)"
        var body = Data()
        for field in fields {
            let filename = field.filename.map { "; filename=\"\($0)\"\r\nContent-Type: image/jpeg" } ?? ""
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\"\(filename)\r\n\r\n".utf8))
            body.append(field.value)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await HTTP.send("POST", "\(server.base)/extract",
                                   headers: headers.merging(["Content-Type": "multipart/form-data; boundary=\(boundary)"]) { a, _ in a },
                                   body: body)
    }

    /// The (text, type, begin, end) of the mentions of our JSON.
    private func mentions(_ answer: HTTPResult) throws -> [String] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: answer.body) as? [String: Any], answer.text)
        let mentions = try XCTUnwrap(object["mentions"] as? [[String: Any]])
        return mentions.map { "\($0["text"]!) \($0["type"]!) \($0["begin"]!)-\($0["end"]!)" }.sorted()
    }

    private func ask(_ query: String) async throws -> Bool {
        let answer = try await HTTP.send("GET", "\(server.base)/sparql?\(HTTP.form([("query", query)]))")
        guard case .boolean(let value) = try JSONResultsReader.read(answer.body) else { throw ServerFailure("not an ASK answer: \(answer.text)") }
        return value
    }

    func testJSONByDefaultAndEveryRDFFormatByAccept() async throws {
        try start()
        let json = try await extract(json: #"{"text": "\#(post)", "id": "p1"}"#)
        XCTAssertEqual(json.status, 200, json.text)
        XCTAssertEqual(json.mediaType, "application/json")
        XCTAssertEqual(try mentions(json), ["Obama PER 0-5", "Paris LOC 14-19"])

        let expected: [(accept: String, mediaType: String, marker: String)] = [
            ("text/turtle", "text/turtle", "nif:anchorOf"),
            ("application/n-triples", "application/n-triples", "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> \"Paris\""),
            ("application/n-quads", "application/n-quads", "<https://w3id.org/coattkg/graph/post/p1> ."),
            ("application/rdf+xml;q=0.9, text/csv", "application/rdf+xml", "<rdf:RDF"),
        ]
        for format in expected {
            let answer = try await extract(json: #"{"text": "\#(post)", "id": "p1"}"#, headers: ["Accept": format.accept])
            XCTAssertEqual(answer.status, 200, "\(format.accept): \(answer.text)")
            XCTAssertEqual(answer.mediaType, format.mediaType)
            XCTAssertTrue(answer.text.contains(format.marker), "\(format.accept): \(answer.text)")
        }
        let refused = try await extract(json: #"{"text": "\#(post)"}"#, headers: ["Accept": "text/csv"])
        XCTAssertEqual(refused.status, 406, refused.text)
        XCTAssertTrue(refused.text.contains("text/turtle"), refused.text)
        // Nothing of this was stored: no token, no store=true.
        let stored = try await ask("ASK { GRAPH <https://w3id.org/coattkg/graph/post/p1> { ?s ?p ?o } }")
        XCTAssertFalse(stored)
    }

    func testBadRequestsAreRefusedWithTheirStatus() async throws {
        try start(arguments: ["--max-body", "4096"])
        for text in ["", " \\n "] {
            let empty = try await extract(json: #"{"text": "\#(text)", "id": "e1", "store": true}"#, headers: ["Authorization": "Bearer \(token)"])
            XCTAssertEqual(empty.status, 400, empty.text)
            XCTAssertTrue(empty.text.contains("post e1 is empty"), empty.text)
        }
        let storedEmpty = try await ask("ASK { GRAPH <https://w3id.org/coattkg/graph/post/e1> { ?s ?p ?o } }")
        XCTAssertFalse(storedEmpty, "an empty post stores nothing")
        let missing = try await extract(json: #"{"id": "x"}"#)
        XCTAssertEqual(missing.status, 400, missing.text)
        XCTAssertTrue(missing.text.contains("text"), missing.text)
        let formWithoutText = try await extract(form: [("id", nil, Data("x".utf8))])
        XCTAssertEqual(formWithoutText.status, 400, formWithoutText.text)
        let notJSON = try await extract(json: "text=Obama")
        XCTAssertEqual(notJSON.status, 400, notJSON.text)
        let tooLarge = try await extract(json: #"{"text": "\#(String(repeating: "Obama visited Paris. ", count: 400))"}"#)
        XCTAssertEqual(tooLarge.status, 413, tooLarge.text)
        let plain = try await HTTP.send("POST", "\(server.base)/extract", headers: ["Content-Type": "text/plain"], body: Data(post.utf8))
        XCTAssertEqual(plain.status, 415, plain.text)
        let get = try await HTTP.send("GET", "\(server.base)/extract")
        XCTAssertEqual(get.status, 405, get.text)
        XCTAssertEqual(get.headers["allow"], "POST")
    }

    func testAnUnusableImageLeavesTheTextTagged() async throws {
        try start()
        // The photo declaring 65,000 × 65,000 pixels in its frame header (a decompression bomb), and
        // bytes that are no JPEG at all.
        let photo = try Data(contentsOf: SharedTestPaths.shared("fixtures/clip-vit-tiny/preprocess/photo.jpg"))
        var bomb = photo
        let frame = try XCTUnwrap(bomb.range(of: Data([0xFF, 0xC0]))).lowerBound
        bomb.replaceSubrange((frame + 5)..<(frame + 9), with: [0xFD, 0xE8, 0xFD, 0xE8])  // height, width
        for (image, problem) in [(bomb, "image of 65000x65000 pixels exceeds"), (Data("not a jpeg".utf8), "not a JPEG file"),
                                 (Data(), "empty data")] {
            let answer = try await extract(form: [("text", nil, Data(post.utf8)), ("image", "post.jpg", image)])
            XCTAssertEqual(answer.status, 200, answer.text)
            let header = answer.headers["coatt-image"] ?? "no CoAtt-Image header"
            XCTAssertTrue(header.hasPrefix("not used: the image cannot be decoded (") && header.contains(problem), header)
            XCTAssertTrue(answer.headers.values.allSatisfy { $0.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) } },
                          "header values are printable ASCII: \(answer.headers)")
            XCTAssertEqual(try mentions(answer), ["Obama PER 0-5", "Paris LOC 14-19"])
        }
        let twoImages = try await extract(form: [("text", nil, Data(post.utf8)), ("image", "a.jpg", bomb), ("image", "b.jpg", bomb)])
        XCTAssertEqual(twoImages.status, 400, twoImages.text)
        XCTAssertTrue(twoImages.text.contains("2 'image' parts"), twoImages.text)
        let textOnly = try await extract(form: [("text", nil, Data(post.utf8))])
        XCTAssertNil(textOnly.headers["coatt-image"], "no image, no image header")

        // A real photo: this tagger reads text only, but the image is the post's (by its content's hash).
        let withPhoto = try await extract(form: [("text", nil, Data(post.utf8)), ("image", "photo.jpg", photo)],
                                          headers: ["Accept": "application/n-triples"])
        XCTAssertEqual(withPhoto.status, 200, withPhoto.text)
        XCTAssertEqual(withPhoto.headers["coatt-image"], "not used: this model reads text only")
        XCTAssertTrue(withPhoto.text.contains("<nih:sha-256;") && withPhoto.text.contains("<http://xmlns.com/foaf/0.1/Image>"), withPhoto.text)
    }

    func testOffsetsCountUnicodeScalarsThroughEmojiAccentsAndRightToLeftText() async throws {
        try start()
        let text = "😀 Obama visited Paris مرحبا e\u{301}"
        let answer = try await extract(json: #"{"text": "\#(text)"}"#)
        XCTAssertEqual(answer.status, 200, answer.text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        let mentions = try XCTUnwrap(object["mentions"] as? [[String: Any]])
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        for mention in mentions {
            let begin = try XCTUnwrap(mention["begin"] as? Int), end = try XCTUnwrap(mention["end"] as? Int)
            var anchor = ""
            anchor.unicodeScalars.append(contentsOf: scalars[begin..<end])
            XCTAssertEqual(mention["text"] as? String, anchor, "\(mention)")
        }
        let obama = try XCTUnwrap(mentions.first { $0["text"] as? String == "Obama" }, answer.text)
        XCTAssertEqual([obama["begin"], obama["end"], obama["utf16Begin"], obama["utf16End"]].map { $0 as? Int }, [2, 7, 3, 8])
    }

    func testStoringNeedsTheTokenAndIsVisibleToSPARQLAtOnce() async throws {
        try start()
        let graph = "https://w3id.org/coattkg/graph/post/stored-1"
        let body = #"{"text": "\#(post)", "id": "stored-1"}"#
        let withoutToken = try await extract(json: body, query: "?store=true")
        XCTAssertEqual(withoutToken.status, 401, withoutToken.text)
        let wrongToken = try await extract(json: #"{"text": "\#(post)", "id": "stored-1", "store": true}"#,
                                           headers: ["Authorization": "Bearer wrong"])
        XCTAssertEqual(wrongToken.status, 401, wrongToken.text)
        let nothingYet = try await ask("ASK { GRAPH <\(graph)> { ?s ?p ?o } }")
        XCTAssertFalse(nothingYet, "a refused store wrote nothing")

        let stored = try await extract(json: body, query: "?store=true", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(stored.status, 200, stored.text)
        XCTAssertEqual(try mentions(stored), ["Obama PER 0-5", "Paris LOC 14-19"])
        let query = """
            PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            SELECT ?anchor ?begin WHERE { GRAPH <\(graph)> { ?m nif:anchorOf ?anchor ; nif:beginIndex ?begin } } ORDER BY ?begin
            """
        let answer = try await HTTP.send("GET", "\(server.base)/sparql?\(HTTP.form([("query", query)]))")
        guard case .solutions(let table) = try JSONResultsReader.read(answer.body) else { return XCTFail(answer.text) }
        XCTAssertEqual(table.rows.map { $0[0] }, [.literal("Obama"), .literal("Paris")],
                       answer.text)

        // Re-extracting replaces the graph: still two mentions, not four.
        _ = try await extract(json: body, query: "?store=true", headers: ["Authorization": "Bearer \(token)"])
        let again = try await HTTP.send("GET", "\(server.base)/sparql?\(HTTP.form([("query", query)]))")
        guard case .solutions(let tableAgain) = try JSONResultsReader.read(again.body) else { return XCTFail(again.text) }
        XCTAssertEqual(tableAgain.rows.count, 2, again.text)
    }

    /// A post longer than the tagger takes is refused at once with 413 (within the body limit);
    /// a post at the limit is tagged.
    func testAPostPastTheLengthLimitIs413AndOneAtTheLimitIsTagged() async throws {
        // Tagging the post at the limit takes ~7 s in a debug build, past the default 30 s limit
        // on a busy 2-core machine: what is tested here is the length limit, not the time one.
        try start(arguments: ["--max-body", "4000000", "--timeout", "300"])
        let atLimit = String(String(repeating: "Obama visited Paris ", count: 3_300).prefix(65_536))
        let huge = String(repeating: "Obama visited Paris . ", count: 40_000)  // 880 KB
        for (text, length) in [(atLimit + "!", 65_537), (huge, 880_000)] {
            let refused = try await extract(json: #"{"text": "\#(text)", "id": "big"}"#)
            XCTAssertEqual(refused.status, 413, refused.text)
            XCTAssertTrue(refused.text.contains("post big is \(length) characters long (Unicode scalars), more than the limit of 65536"),
                          refused.text)
        }
        let fits = try await extract(json: #"{"text": "\#(atLimit)"}"#)
        XCTAssertEqual(fits.status, 200, fits.text)
        XCTAssertGreaterThan(try mentions(fits).count, 100)
    }

    func testAPostPastTheTimeLimitIsStoppedAndTheNextOneIsServed() async throws {
        try start(arguments: ["--timeout", "0.5"])
        // At the length limit, and as many windows as it can be: a sub-word per two characters.
        let dense = String(String(repeating: "! ", count: 32_768).prefix(65_536))
        let stopped = try await extract(json: #"{"text": "\#(dense)"}"#)
        XCTAssertEqual(stopped.status, 503, stopped.text)
        XCTAssertTrue(stopped.text.contains("time limit of 0.5 s"), stopped.text)
        // Its worker was killed; a fresh one (tagger loaded again) serves the next post.
        let next = try await extract(json: #"{"text": "\#(post)"}"#)
        XCTAssertEqual(next.status, 200, next.text)
        XCTAssertEqual(try mentions(next), ["Obama PER 0-5", "Paris LOC 14-19"])
    }

    func testStoringOnAReadOnlyEndpointIsForbidden() async throws {
        try start(token: false)
        let answer = try await extract(json: #"{"text": "\#(post)", "id": "ro", "store": true}"#, headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(answer.status, 403, answer.text)
        let stored = try await ask("ASK { GRAPH <https://w3id.org/coattkg/graph/post/ro> { ?s ?p ?o } }")
        XCTAssertFalse(stored)
    }

    func testWithoutATaggerExtractIsNotImplementedAndThePageIsServed() async throws {
        server = try ServerProcess(store: store.store)
        let answer = try await extract(json: #"{"text": "\#(post)"}"#)
        XCTAssertEqual(answer.status, 501, answer.text)
        XCTAssertTrue(answer.text.contains("--ner-model"), answer.text)
        let page = try await HTTP.send("GET", "\(server.base)/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.mediaType, "text/html")
        for part in ["<textarea id=\"text\"", "<textarea id=\"query\"", "fetch(\"/extract\"", "fetch(\"/sparql\""] {
            XCTAssertTrue(page.text.contains(part), part)
        }
        // Self-contained: nothing is loaded from elsewhere.
        XCTAssertFalse(page.text.contains("src=\"http") || page.text.contains("href=\"http") || page.text.contains("@import"))
    }
}
