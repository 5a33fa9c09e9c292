import Foundation
import SharedTestPaths
import XCTest

/// `coatt link eval` on a hand-made gold file of four posts, a store of four labelled entities with
/// a TransE model, and the tiny tagger (``TinyTagger``): every count checked exactly.
final class LinkEvalCommandTests: XCTestCase {
    private let (dbr, dbo) = (TinyKG.dbr, TinyKG.dbo)

    private func temporaryURL(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The ``TinyKG`` store.
    private func linkingStore() throws -> String {
        let store = temporaryURL("link-eval.store").path
        try TinyKG.build(store: store, files: temporaryURL("kg"))
        return store
    }

    /// A data folder with twitter2017/valid.txt: the tiny tagger's four posts (p1…p4) and p5, which
    /// the gold file does not list.
    private func dataFolder() throws -> URL {
        let root = temporaryURL("data"), folder = root.appendingPathComponent("twitter2017")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let posts = ["p1": "Barack Obama went to London", "p2": "Obama visited Paris", "p3": "Cameron visited New York with Obama",
                     "p4": "I love Apple and Google", "p5": "Obama visited Paris"]
        try posts.keys.sorted().map { id in
            "IMGID:\(id)\n" + posts[id]!.split(separator: " ").map { "\($0)\tO\n" }.joined()
        }.joined(separator: "\n").write(to: folder.appendingPathComponent("valid.txt"), atomically: true, encoding: .utf8)
        return root
    }

    /// Gold: p2's Paris is NIL (the linker links it), p3's Cameron is an entity the linker lacks and its
    /// LOC span is "New" alone (the tagger finds "New York"), p4 lists Apple (NIL) but not Google.
    private func goldFile() throws -> URL {
        let gold = temporaryURL("gold.tsv")
        try """
            imgid\tfirst_word\tend_word\ttype\tentity_iri_or_NIL\tnote
            p1\t0\t2\tPER\t\(dbr)Barack_Obama\t
            p1\t4\t5\tLOC\t\(dbr)London\t
            p2\t0\t1\tPER\t\(dbr)Barack_Obama\tsurname
            p2\t2\t3\tLOC\tNIL\tsay
            p3\t0\t1\tPER\t\(dbr)David_Cameron\tnot among the linker's entities
            p3\t2\t3\tLOC\tNIL\t
            p3\t5\t6\tPER\t\(dbr)Barack_Obama\t
            p4\t2\t3\tMISC\tNIL\t

            """.write(to: gold, atomically: true, encoding: .utf8)
        return gold
    }

    private func counts(_ object: Any?) throws -> [Int] {
        let counts = try XCTUnwrap(object as? [String: Any], "\(String(describing: object))")
        return try ["predicted", "gold", "correct"].map { try XCTUnwrap(counts[$0] as? Int, $0) }
    }

    func testGivenSpansAndEndToEndScoresAreCountedExactly() throws {
        let store = try linkingStore(), data = try dataFolder(), gold = try goldFile()
        let arguments = ["link", "eval", "--gold", gold.path, "--store", store, "--data-dir", data.path, "--json"]

        let linkingOnly = try SharedTestPaths.runCoatt(arguments)
        XCTAssertEqual(linkingOnly.status, 0, linkingOnly.stderr)
        XCTAssertTrue(linkingOnly.stderr.contains("1 gold entities are not among the linker's entities"), linkingOnly.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(linkingOnly.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["posts"] as? Int, 4)
        XCTAssertEqual(report["mentions"] as? Int, 8)
        XCTAssertEqual(report["goldLinked"] as? Int, 5)
        XCTAssertNil(report["endToEnd"], "no tagger, no end-to-end scores")
        let given = try XCTUnwrap(report["givenSpans"] as? [String: Any])
        // Right: p1 both, p2 Obama, p3 "New" (NIL) and Obama, p4 Apple (NIL); wrong: Paris (linked, gold NIL), Cameron (NIL).
        XCTAssertEqual(given["correct"] as? Int, 6)
        XCTAssertEqual(given["mentions"] as? Int, 8)
        XCTAssertEqual(try XCTUnwrap(given["accuracy"] as? Double), 0.75, accuracy: 1e-12)
        XCTAssertEqual(given["goldNIL"] as? Int, 3)
        XCTAssertEqual(given["correctNIL"] as? Int, 2)
        XCTAssertEqual(try counts(given["links"]), [5, 5, 4])
        let byType = try XCTUnwrap(given["byType"] as? [String: [String: Int]])
        XCTAssertEqual(byType, ["PER": ["mentions": 4, "correct": 3], "LOC": ["mentions": 3, "correct": 2], "OTHER": ["mentions": 1, "correct": 1]])

        let endToEnd = try SharedTestPaths.runCoatt(arguments + ["--model", try TinyTagger.folder().path])
        XCTAssertEqual(endToEnd.status, 0, endToEnd.stderr)
        let scores = try XCTUnwrap(try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(endToEnd.stdout.utf8)) as? [String: Any])["endToEnd"]
            as? [String: Any])
        // Tagged: p1 2, p2 2, p3 3 (Cameron NIL, "New York" NIL, Obama), p4 2 (Apple, Google NIL). Right pairs:
        // p1 both, p2 Obama, p3 Obama, p4 Apple; "New York" NIL is no match for the gold NIL "New".
        XCTAssertEqual(try counts(scores["pairs"]), [9, 8, 5])
        XCTAssertEqual(try counts(scores["linkedPairs"]), [5, 5, 4])
        XCTAssertEqual(try counts(scores["spans"]), [9, 8, 7])
        let pairs = try XCTUnwrap(scores["pairs"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(pairs["f1"] as? Double), 2.0 * 5 / (9 + 8), accuracy: 1e-12)

        let table = try SharedTestPaths.runCoatt(Array(arguments.dropLast()))
        XCTAssertTrue(table.stdout.contains("accuracy  75.00% (6 of 8; NIL 2 of 3)"), table.stdout)
    }

    func testAGoldSpanOutsideItsPostIsAnErrorNamingTheLine() throws {
        let data = try dataFolder(), gold = temporaryURL("bad.tsv")
        try "p2\t2\t4\tLOC\tNIL\t\n".write(to: gold, atomically: true, encoding: .utf8)
        let result = try SharedTestPaths.runCoatt(["link", "eval", "--gold", gold.path, "--store", "memory", "--data-dir", data.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("bad.tsv:1: words 2..<4 are not a span of the post's 3 words"), result.stderr)
    }
}
