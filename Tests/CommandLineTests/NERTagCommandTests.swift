import Foundation
import SharedTestPaths
import XCTest

/// `coatt ner tag` on the tiny tagger (``TinyTagger``).
final class NERTagCommandTests: XCTestCase {
    private func model() throws -> URL { try TinyTagger.folder() }

    private func tag(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try SharedTestPaths.runCoatt(["ner", "tag", "--model", try model().path] + arguments)
    }

    private func temporaryFile(_ name: String, _ contents: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        try contents.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func jsonLines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    func testTagsAPostAsAnAnnotatedLineAndAsJSON() throws {
        let line = try tag(["Barack Obama went to London"])
        XCTAssertEqual(line.status, 0, line.stderr)
        XCTAssertTrue(line.stdout.hasPrefix("[Barack Obama](PER 0."), line.stdout)
        XCTAssertTrue(line.stdout.contains(" went to [London](LOC 0."), line.stdout)
        let broken = try tag(["Obama\nvisited\r\nParis"])
        XCTAssertEqual(broken.stdout.filter { $0 == "\n" }.count, 1, "one line per post: \(broken.stdout)")
        let json = try tag(["--json", "Barack Obama went to London"])
        let post = try XCTUnwrap(try jsonLines(json.stdout).first)
        XCTAssertEqual(post["text"] as? String, "Barack Obama went to London")
        let spans = try XCTUnwrap(post["spans"] as? [[String: Any]])
        XCTAssertEqual(spans.map { $0["type"] as? String }, ["PER", "LOC"])
        XCTAssertEqual(spans.map { $0["text"] as? String }, ["Barack Obama", "London"])
        XCTAssertEqual(spans.map { $0["begin"] as? Int }, [0, 21])
        XCTAssertEqual(spans.map { $0["end"] as? Int }, [12, 27])
        for span in spans {
            let confidence = try XCTUnwrap(span["confidence"] as? Double)
            XCTAssertTrue(confidence > 0.3 && confidence <= 1, "\(span)")
        }
    }

    /// Offsets count Unicode scalars, whatever comes before: a ZWJ emoji, a decomposed accent,
    /// Arabic, a variation selector.
    func testOffsetsStayExactAfterEmojiAccentsAndRightToLeftText() throws {
        let text = "👩‍👩‍👧 Jose\u{301} مرحبا ❤️ Obama visited Paris"
        let result = try tag(["--json", text])
        XCTAssertEqual(result.status, 0, result.stderr)
        let post = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertEqual(post["text"] as? String, text)
        let spans = try XCTUnwrap(post["spans"] as? [[String: Any]])
        let obama = try XCTUnwrap(spans.first { $0["text"] as? String == "Obama" }, "\(spans)")
        XCTAssertEqual(obama["begin"] as? Int, 21)
        XCTAssertEqual(obama["end"] as? Int, 26)
        try CoAttCommand.assertOffsetsSlice(spans, of: text)
    }

    /// Batch mode finds the chunks `coatt ner eval` predicts for the same posts; plain lines keep
    /// blank lines as posts without spans; JSON lines echo their ids.
    func testBatchModeAgreesWithEvalAndEchoesIds() throws {
        let folder = try model()
        let data = folder.deletingLastPathComponent().appendingPathComponent("data")
        let predictions = folder.deletingLastPathComponent().appendingPathComponent("predictions.txt")
        let eval = try SharedTestPaths.runCoatt(["ner", "eval", "--model", folder.path, "--dataset", "twitter2015",
                                                 "--data-dir", data.path, "--predictions", predictions.path])
        XCTAssertEqual(eval.status, 0, eval.stderr)
        let evalPosts = try String(contentsOf: predictions, encoding: .utf8).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let evalChunks = evalPosts.map { post in chunks(post.split(separator: "\n").map { String($0.split(separator: " ")[2]) }) }
        let texts = evalPosts.map { $0.split(separator: "\n").map { String($0.split(separator: " ")[0]) }.joined(separator: " ") }

        let plain = try temporaryFile("posts.txt", Data(((texts + [""]).joined(separator: "\n") + "\n").utf8))
        let tagged = try tag(["--json", "--batch-size", "3", "--input", plain.path])
        XCTAssertEqual(tagged.status, 0, tagged.stderr)
        let posts = try jsonLines(tagged.stdout)
        XCTAssertEqual(posts.count, texts.count + 1)
        XCTAssertEqual((posts.last?["spans"] as? [Any])?.count, 0, "a blank line is a post without spans")
        let tagChunks = posts.dropLast().map { post in
            (post["spans"] as? [[String: Any]] ?? []).map { span in
                "\(span["type"]!) \(span["text"]!)"
            }
        }
        XCTAssertEqual(tagChunks, zip(evalChunks, texts).map { chunks, text in
            let words = text.split(separator: " ")
            return chunks.map { "\($0.type) \(words[$0.words].joined(separator: " "))" }
        })
        // Batches of 3 run two at a time by default (--threads 2); one at a time finds the same.
        let oneStream = try jsonLines(try tag(["--json", "--batch-size", "3", "--streams", "1", "--input", plain.path]).stdout)
        XCTAssertEqual(oneStream.map { $0["text"] as? String }, posts.map { $0["text"] as? String })
        for (single, streamed) in zip(oneStream, posts) {
            let (a, b) = (single["spans"] as? [[String: Any]] ?? [], streamed["spans"] as? [[String: Any]] ?? [])
            XCTAssertEqual(a.map { "\($0["type"]!) \($0["begin"]!)" }, b.map { "\($0["type"]!) \($0["begin"]!)" })
            for (x, y) in zip(a, b) {
                XCTAssertEqual(try XCTUnwrap(x["confidence"] as? Double), try XCTUnwrap(y["confidence"] as? Double), accuracy: 1e-5)
            }
        }

        let jsonl = try temporaryFile("posts.jsonl", Data([#"{"id": "a1", "text": "Obama visited Paris"}"#, "",
                                                           #"{"id": 7, "text": "I love Apple and Google"}"#, #"{"text": ""}"#]
            .joined(separator: "\r\n").utf8))  // Windows line ends too
        let byId = try tag(["--json", "--input", jsonl.path])
        XCTAssertEqual(byId.status, 0, byId.stderr)
        let identified = try jsonLines(byId.stdout)
        XCTAssertEqual(identified.count, 3, "blank JSON lines are skipped")
        XCTAssertEqual(identified[0]["id"] as? String, "a1")
        XCTAssertEqual(identified[1]["id"] as? Int, 7, "ids are echoed as given")
        XCTAssertNil(identified[2]["id"])
        let readable = try tag(["--input", jsonl.path])
        XCTAssertTrue(readable.stdout.hasPrefix("a1\t[Obama](PER "), readable.stdout)
    }

    /// conlleval's chunks of one post's tags (B- opens, I- of the same type continues).
    private func chunks(_ tags: [String]) -> [(type: String, words: Range<Int>)] {
        var result: [(type: String, words: Range<Int>)] = []
        for (index, tag) in tags.enumerated() where tag != "O" {
            let type = String(tag.dropFirst(2))
            if tag.hasPrefix("I-"), let last = result.last, last.type == type, last.words.upperBound == index {
                result[result.count - 1].words = last.words.lowerBound..<(index + 1)
            } else {
                result.append((type, index..<(index + 1)))
            }
        }
        return result
    }

    func testALongPostIsTaggedInWindowsAndAnEmptyPostHasNoSpans() throws {
        let long = Array(repeating: "Obama visited Paris", count: 667).joined(separator: " ") + " London"
        let file = try temporaryFile("long.txt", Data((long + "\n\n").utf8))
        let result = try tag(["--json", "--input", file.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("post 1 has 2002 words") && result.stderr.contains("overlapping windows"), result.stderr)
        let posts = try jsonLines(result.stdout)
        XCTAssertEqual(posts.count, 2)
        let spans = try XCTUnwrap(posts[0]["spans"] as? [[String: Any]])
        XCTAssertGreaterThan(spans.count, 100)
        let ends = spans.map { ($0["begin"] as! Int, $0["end"] as! Int) }
        XCTAssertTrue(zip(ends, ends.dropFirst()).allSatisfy { $0.1 <= $1.0 }, "spans in order, without overlap")
        XCTAssertEqual((posts[1]["spans"] as? [Any])?.count, 0)

        let empty = try tag([""])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertEqual(empty.stdout, "\n")
        XCTAssertTrue(empty.stderr.contains("note: the post is empty"), empty.stderr)
    }

    /// A post past the length limit is an error naming it (and its line in --input), before any
    /// post is tagged; a post at the limit is tagged.
    func testAPostPastTheLengthLimitIsAClearError() throws {
        let atLimit = String(String(repeating: "Obama visited Paris ", count: 3_300).prefix(65_536))
        let long = try tag([atLimit + "!"])
        XCTAssertNotEqual(long.status, 0)
        XCTAssertTrue(long.stderr.contains("the post is 65537 characters long (Unicode scalars), more than the limit of 65536"), long.stderr)
        let file = try temporaryFile("posts.jsonl", Data(([#"{"text": "Obama visited Paris"}"#, #"{"id": "big", "text": "\#(atLimit)!"}"#]
            .joined(separator: "\n") + "\n").utf8))
        let refused = try tag(["--input", file.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("\(file.path):2: post big is 65537 characters long"), refused.stderr)
        XCTAssertEqual(refused.stdout, "", "no post is tagged")
        let fits = try tag(["--json", atLimit])
        XCTAssertEqual(fits.status, 0, fits.stderr)
        XCTAssertGreaterThan((try jsonLines(fits.stdout).first?["spans"] as? [Any])?.count ?? 0, 100)
    }

    /// A readable image is checked and reported unused; a truncated JPEG, a PNG named .jpg and a
    /// missing file are each a warning naming the problem, and the text is still tagged.
    func testImagesAreCheckedAndBadOnesReportedWhileTheTextIsTagged() throws {
        let photo = try SharedTestPaths.shared("fixtures/clip-vit-tiny/preprocess/photo.jpg")
        let good = try tag(["--image", photo.path, "Obama visited Paris"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(good.stderr.contains("is not used: this model reads text only"), good.stderr)
        let bytes = try Data(contentsOf: photo)
        let truncated = try temporaryFile("truncated.jpg", bytes.prefix(bytes.count / 3))
        let png = try temporaryFile("image.jpg", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        for (path, problem) in [(truncated.path, "truncated"), (png.path, "PNG"), ("/nonexistent/photo.jpg", "no such file"),
                                (NSTemporaryDirectory(), "a folder, not a file")] {
            let result = try tag(["--image", path, "Obama visited Paris"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stderr.contains("warning: --image \(path)") && result.stderr.contains(problem), result.stderr)
            XCTAssertTrue(result.stdout.contains("[Obama](PER"), result.stdout)
        }
    }

    /// In --input, each JSON line's image is read: missing and unreadable ones are counted and
    /// named on stderr, and every post is tagged.
    func testImagesOfAnInputFileAreCheckedAndBadOnesReported() throws {
        let photo = try SharedTestPaths.shared("fixtures/clip-vit-tiny/preprocess/photo.jpg")
        let broken = try temporaryFile("broken.jpg", Data("not a JPEG".utf8))
        let input = try temporaryFile("posts.jsonl", Data([
            #"{"id": "a", "text": "Obama visited Paris", "image": "\#(photo.path)"}"#,
            #"{"id": "b", "text": "Obama visited Paris", "image": "/nonexistent/b.jpg"}"#,
            #"{"text": "Obama visited Paris", "image": "\#(broken.path)"}"#, #"{"text": "Obama visited Paris"}"#,
        ].joined(separator: "\n").utf8))
        let result = try tag(["--input", input.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").filter { $0.contains("[Obama](PER") }.count, 4, result.stdout)
        XCTAssertTrue(result.stderr.contains("warning: images: 1 of 3 posts (1 missing: /nonexistent/b.jpg (post b); "
                                             + "1 unreadable: \(broken.path) (line 3): not a JPEG file"), result.stderr)
        XCTAssertTrue(result.stderr.contains("this model reads text only"), result.stderr)
    }

    func testAModelOfAnotherLabelSetAndMalformedInputAreClearErrors() throws {
        let folder = try model()
        let other = folder.deletingLastPathComponent().appendingPathComponent("other-labels")
        try? FileManager.default.removeItem(at: other)
        try FileManager.default.copyItem(at: folder, to: other)
        try Data(#"["O", "B-PER", "I-PER", "B-GPE", "I-GPE", "B-ORG", "I-ORG", "B-OTHER", "I-OTHER"]"#.utf8)
            .write(to: other.appendingPathComponent("labels.json"))
        let labels = try SharedTestPaths.runCoatt(["ner", "tag", "--model", other.path, "Obama"])
        XCTAssertNotEqual(labels.status, 0)
        XCTAssertTrue(labels.stderr.contains("labels") && labels.stderr.contains("B-GPE"), labels.stderr)

        let broken = try temporaryFile("broken.jsonl", Data("{\"text\": \"Obama\"}\n{\"id\": 2}\n".utf8))
        let malformed = try tag(["--input", broken.path])
        XCTAssertNotEqual(malformed.status, 0)
        XCTAssertTrue(malformed.stderr.contains("\(broken.path):2:"), malformed.stderr)
        let neither = try tag([])
        XCTAssertNotEqual(neither.status, 0)
        XCTAssertTrue(neither.stderr.contains("give either a text or --input FILE"), neither.stderr)
    }
}
