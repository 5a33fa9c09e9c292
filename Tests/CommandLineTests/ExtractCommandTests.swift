import Foundation
import SharedTestPaths
import XCTest

/// `coatt extract` on the tiny tagger (``TinyTagger``): a text printed as RDF or JSON, and posts
/// stored graph by graph, idempotently, with duplicate ids, bad input and a read-only store.
final class ExtractCommandTests: XCTestCase {
    /// Runs `coatt extract` with the tiny tagger, against an empty in-memory store unless the
    /// arguments name one (not the user's default store).
    private func extract(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let store = arguments.contains("--store") ? [] : ["--store", "memory"]
        return try SharedTestPaths.runCoatt(["extract", "--model", try TinyTagger.folder().path] + store + arguments)
    }

    private func temporaryURL(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func jsonObject(_ line: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
    }

    func testATextIsPrintedAsJSONAndAsEveryRDFSyntax() throws {
        let json = try extract(["--format", "json", "--id", "p1", "Barack Obama went to London"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let post = try jsonObject(json.stdout)
        XCTAssertEqual(post["graph"] as? String, "https://w3id.org/coattkg/graph/post/p1")
        let mentions = try XCTUnwrap(post["mentions"] as? [[String: Any]])
        XCTAssertEqual(mentions.map { $0["text"] as? String }, ["Barack Obama", "London"])
        XCTAssertEqual(mentions.map { $0["class"] as? String }, ["http://dbpedia.org/ontology/Person", "http://dbpedia.org/ontology/Place"])
        XCTAssertEqual(mentions.map { $0["begin"] as? Int }, [0, 21])

        let ntriples = try extract(["--format", "ntriples", "--id", "p1", "Barack Obama went to London"])
        XCTAssertEqual(ntriples.status, 0, ntriples.stderr)
        XCTAssertTrue(ntriples.stdout.contains("<https://w3id.org/coattkg/post/p1#char=21,27> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> \"London\" .\n"),
                      ntriples.stdout)
        let nquads = try extract(["--format", "nquads", "--id", "p1", "Barack Obama went to London"])
        let lines = nquads.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, ntriples.stdout.split(separator: "\n").count)
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix(" <https://w3id.org/coattkg/graph/post/p1> .") }, nquads.stdout)
        for format in ["turtle", "rdfxml"] {
            let printed = try extract(["--format", format, "--id", "p1", "Barack Obama went to London"])
            XCTAssertEqual(printed.status, 0, printed.stderr)
            XCTAssertTrue(printed.stdout.contains("London"), "\(format): \(printed.stdout)")
        }
        for format in ["csv", "trig"] {
            let bad = try extract(["--format", format, "Obama"])
            XCTAssertNotEqual(bad.status, 0)
            XCTAssertTrue(bad.stderr.contains("unknown format '\(format)'"), bad.stderr)
        }
    }

    /// Offsets count Unicode scalars of the NFC text, whatever comes before: a ZWJ emoji, a
    /// decomposed accent (composed on the way in), Arabic, a variation selector.
    func testOffsetsStayExactAfterEmojiAccentsAndRightToLeftText() throws {
        let text = "👩‍👩‍👧 Jose\u{301} مرحبا ❤️ Obama visited Paris"
        let result = try extract(["--format", "json", text])
        XCTAssertEqual(result.status, 0, result.stderr)
        let post = try jsonObject(result.stdout)
        let stored = try XCTUnwrap(post["text"] as? String)
        XCTAssertEqual(Array(stored.unicodeScalars), Array("👩‍👩‍👧 José مرحبا ❤️ Obama visited Paris".unicodeScalars), "NFC")
        let mentions = try XCTUnwrap(post["mentions"] as? [[String: Any]])
        let obama = try XCTUnwrap(mentions.first { $0["text"] as? String == "Obama" }, "\(mentions)")
        XCTAssertEqual(obama["begin"] as? Int, 20)
        XCTAssertEqual(obama["utf16Begin"] as? Int, 23)
        try CoAttCommand.assertOffsetsSlice(mentions, of: stored)
    }

    /// An empty (or white-space) post and one past the length limit are errors naming the post;
    /// a post at the limit is extracted.
    func testEmptyAndTooLongPostsAreClearErrorsAndAPostAtTheLimitIsExtracted() throws {
        for text in ["", " \n\t "] {
            let empty = try extract(["--format", "ntriples", "--id", "e1", text])
            XCTAssertNotEqual(empty.status, 0)
            XCTAssertTrue(empty.stderr.contains("post e1 is empty"), empty.stderr)
            XCTAssertEqual(empty.stdout, "")
        }
        let atLimit = String(String(repeating: "Obama visited Paris ", count: 3_300).prefix(65_536))
        let long = try extract(["--format", "ntriples", atLimit + "!"])
        XCTAssertNotEqual(long.status, 0)
        XCTAssertTrue(long.stderr.contains("the post is 65537 characters long") && long.stderr.contains("limit of 65536"), long.stderr)
        let fits = try extract(["--format", "json", atLimit])
        XCTAssertEqual(fits.status, 0, fits.stderr)
        XCTAssertEqual(try jsonObject(fits.stdout)["text"] as? String, atLimit)
    }

    /// A bad post in --input is an error naming its file and line, found before anything is
    /// stored: the store keeps what it had.
    func testABadPostInAnInputFileStoresNothing() throws {
        let store = temporaryURL("bad-input.store")
        let input = temporaryURL("posts.jsonl")
        let before = try storeOnePost(into: store, from: input)
        let tooLong = String(repeating: "Paris ", count: 11_000)
        for (lines, problem) in [([#"{"id": "b", "text": "I love Apple"}"#, #"{"id": "e1", "text": ""}"#], ":2: post e1 is empty"),
                                 ([#"{"id": "b", "text": "I love Apple"}"#, "", #"{"text": "\#(tooLong)"}"#],
                                  ":3: the post is 66000 characters long"),
                                 (["I love Apple", "   ", "Obama"], ":2: the post is empty"),
                                 ([#"{"id": "b", "text": "I love Apple"}"#, #"{"id": "n", "text": "Obama\u0000Paris"}"#],
                                  ":2: post n is holding a NUL character (U+0000) at character 5"),
                                 ([#"{"id": "b", "text": "I love Apple"}"#, #"{"id": "i", "text": "Obama", "image": 5}"#],
                                  ":2: \"image\" must be a file path")] {
            try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
            let refused = try extract(["--input", input.path, "--store", store.path])
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.stderr.contains(input.path + problem), refused.stderr)
            XCTAssertTrue(try dump(store) == before, "nothing stored")
        }
    }

    /// With a TransE model registered in the store, mentions are linked to its entities (labels,
    /// classes closed under rdfs:subClassOf, the NER types of our vocabulary); without one, NIL.
    func testMentionsAreLinkedToTheEntitiesOfTheStoresTransEModel() throws {
        let store = temporaryURL("linking.store").path
        let (dbr, dbo) = (TinyKG.dbr, TinyKG.dbo)
        // A store path that holds no store is an error, not a new empty store.
        let missing = try extract(["--store", store, "--format", "json", "Barack Obama went to London"])
        XCTAssertTrue(missing.status != 0 && missing.stderr.contains("no store at \(store)"), missing.stderr)
        XCTAssertEqual(try CoAttCommand.run(["load", "--store", store, "Ontologies/coattkg.ttl"]).status, 0)
        let unlinked = try extract(["--store", store, "--format", "json", "Barack Obama went to London"])
        XCTAssertTrue(unlinked.stderr.contains("has no TransE model") && unlinked.stderr.contains("every mention is NIL"), unlinked.stderr)
        XCTAssertTrue(try XCTUnwrap(try jsonObject(unlinked.stdout)["mentions"] as? [[String: Any]]).allSatisfy { $0["entity"] is NSNull })

        try TinyKG.build(store: store, files: temporaryURL("kg"))
        let linked = try extract(["--store", store, "--format", "json", "Barack Obama went to London"])
        XCTAssertEqual(linked.status, 0, linked.stderr)
        let mentions = try XCTUnwrap(try jsonObject(linked.stdout)["mentions"] as? [[String: Any]])
        XCTAssertEqual(mentions.map { $0["entity"] as? String }, [dbr + "Barack_Obama", dbr + "London"])
        XCTAssertEqual(mentions.last?["entityClasses"] as? [String], [dbo + "City", dbo + "Place"])
        let turtle = try extract(["--store", store, "--id", "t", "Barack Obama went to London"])
        XCTAssertTrue(turtle.stdout.contains("<https://w3id.org/coattkg/model/tiny>"), "prov:used the KG model: \(turtle.stdout)")
        XCTAssertTrue(turtle.stdout.contains("coatt:linkingConfidence"), turtle.stdout)
    }

    /// Each post becomes its own graph; running again replaces the graphs (same triples but the
    /// run's time, never twice); a changed post loses its old mentions; of a duplicated id the
    /// last post is kept; offsets after emoji and accents are SPARQL's; a post too long for the encoder is tagged in windows.
    func testPostsAreStoredOneGraphEachAndReExtractingReplacesThem() throws {
        let store = temporaryURL("extract.store")
        let long = Array(repeating: "Obama visited Paris", count: 400).joined(separator: " ")
        let lines = [#"{"id": "a", "text": "Obama visited Paris"}"#, #"{"id": 7, "text": "I love Apple and Google"}"#,
                     #"{"id": "a", "text": "Barack Obama went to London"}"#,
                     #"{"id": "long", "text": "\#(long)"}"#, #"{"id": "emoji", "text": "👩‍👩‍👧 Jose\u0301 ❤️ Obama visited Paris"}"#]
        let input = temporaryURL("posts.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)

        let first = try extract(["--input", input.path, "--store", store.path, "--batch-size", "2"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("ids given to more than one post: a; the last post with each id is kept"), first.stderr)
        XCTAssertTrue(first.stderr.contains("post long has 1200 words") && first.stderr.contains("overlapping windows"), first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("4 posts, "), first.stdout)
        let graphs = try graphSizes(store)
        XCTAssertEqual(Set(graphs.keys), Set(["a", "7", "long", "emoji"].map { "https://w3id.org/coattkg/graph/post/\($0)" }))
        XCTAssertEqual(try anchors(store, id: "a"), ["Barack Obama", "London"], "the last post with id a")
        XCTAssertTrue(try anchors(store, id: "emoji").contains("Obama"))
        XCTAssertGreaterThan(try anchors(store, id: "long").count, 100)
        let before = try dump(store)

        let again = try extract(["--input", input.path, "--store", store.path, "--batch-size", "2"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try graphSizes(store), graphs, "never duplicated")
        let after = try dump(store)
        XCTAssertTrue(after == before, "the same triples, but the run's start time: \(after.count) quads, \(before.count) before, "
                      + "\(Set(after).symmetricDifference(before).prefix(4))")

        try (#"{"id": "a", "text": "I love Apple"}"# + "\n").write(to: input, atomically: true, encoding: .utf8)
        let changed = try extract(["--input", input.path, "--store", store.path])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertEqual(try anchors(store, id: "a"), ["Apple"], "the old mentions are gone")
        XCTAssertEqual(try graphSizes(store).count, 4)
    }

    /// A JSON line's "image" (relative to the input file's folder) becomes the post's `coatt:image`;
    /// unreadable and missing ones are counted and named on stderr, and their posts still extracted.
    func testImagesOfJSONLinesAreResolvedAgainstTheInputsFolder() throws {
        let folder = temporaryURL("with-images")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data("not a JPEG".utf8).write(to: folder.appendingPathComponent("img/broken.jpg"))
        let input = folder.appendingPathComponent("posts.jsonl")
        try ([#"{"id": "a", "text": "Obama visited Paris", "image": "img/broken.jpg"}"#, #"{"id": "b", "text": "Obama"}"#,
              #"{"text": "I love Apple", "image": "nope.jpg"}"#]
            .joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let store = temporaryURL("images.store")
        let result = try extract(["--input", input.path, "--store", store.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("3 posts, "), result.stdout)
        let missing = folder.appendingPathComponent("nope.jpg").path, broken = folder.appendingPathComponent("img/broken.jpg").path
        XCTAssertTrue(result.stderr.contains("warning: images: 0 of 2 posts (1 missing: \(missing) (line 3); "
                                             + "1 unreadable: \(broken) (post a): not a JPEG file"), result.stderr)
        let images = try dump(store).filter { $0.contains("https://w3id.org/coattkg/ns#image") }
        XCTAssertEqual(images.count, 1, "\(images)")
        XCTAssertTrue(images.first?.contains(folder.appendingPathComponent("img/broken.jpg").standardizedFileURL.absoluteString) == true,
                      "\(images)")
        XCTAssertEqual(try anchors(store, id: "a"), ["Obama", "Paris"])
    }

    /// A store that cannot be written is a clear error, and keeps what it had.
    func testAReadOnlyStoreIsAClearErrorAndKeepsItsGraphs() throws {
        let store = temporaryURL("readonly.store")
        let input = temporaryURL("posts.jsonl")
        let before = try storeOnePost(into: store, from: input)
        try makeReadOnly(store.appendingPathComponent("quads.sqlite"))

        try ([#"{"id": "a", "text": "I love Apple"}"#, #"{"id": "b", "text": "Obama"}"#].joined(separator: "\n") + "\n")
            .write(to: input, atomically: true, encoding: .utf8)
        let refused = try extract(["--input", input.path, "--store", store.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("cannot store post a in \(store.path)") && refused.stderr.contains("readonly"), refused.stderr)
        XCTAssertTrue(try dump(store) == before, "unchanged")
    }

    /// Makes a file unwritable, for root too (chattr +i), undone at teardown; skips where neither works.
    private func makeReadOnly(_ file: URL) throws {
        if geteuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
            addTeardownBlock { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
            return
        }
        guard try run("/usr/bin/chattr", ["+i", file.path]) == 0 else {
            throw XCTSkip("running as root on a file system without chattr +i: cannot make the store read-only")
        }
        addTeardownBlock { _ = try? self.run("/usr/bin/chattr", ["-i", file.path]) }
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return -1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Triples per graph (`coatt store graphs`).
    private func graphSizes(_ store: URL) throws -> [String: Int] {
        let result = try SharedTestPaths.runCoatt(["store", "graphs", "--store", store.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        var sizes: [String: Int] = [:]
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            sizes[String(fields[1].dropFirst().dropLast())] = Int(fields[0])
        }
        return sizes
    }

    /// The store's quads, sorted, without the runs' start times.
    /// Extracts one post into `store` through `input`; returns the store's quads.
    private func storeOnePost(into store: URL, from input: URL) throws -> [Substring] {
        try (#"{"id": "a", "text": "Obama visited Paris"}"# + "\n").write(to: input, atomically: true, encoding: .utf8)
        XCTAssertEqual(try extract(["--input", input.path, "--store", store.path]).status, 0)
        return try dump(store)
    }

    private func dump(_ store: URL) throws -> [Substring] {
        let result = try SharedTestPaths.runCoatt(["store", "dump", "--store", store.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").filter { !$0.contains("startedAtTime") }.sorted()
    }

    /// The anchors of a stored post's mentions, in text order, each checked to be SPARQL's
    /// SUBSTR of the post's text at the mention's offsets.
    private func anchors(_ store: URL, id: String) throws -> [String] {
        let query = """
            PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            SELECT ?anchor (SUBSTR(?text, ?begin + 1, ?end - ?begin) AS ?cut) { GRAPH <https://w3id.org/coattkg/graph/post/\(id)> {
              ?m nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?c . ?c nif:isString ?text } }
            ORDER BY ?begin
            """
        let result = try SharedTestPaths.runCoatt(["query", "--store", store.path, "--format", "tsv", query])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").dropFirst().map { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(fields[0], fields[1], "anchor and SUBSTR at the offsets")
            return String(fields[0].dropFirst().dropLast())
        }
    }
}
