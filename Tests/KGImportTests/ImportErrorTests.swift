import XCTest
@testable import KGImport

final class ImportErrorTests: XCTestCase {
    private let good = "A\tr\tB\n"

    func testColumnCountsNameFileAndLine() throws {
        let f = try Fixture()
        let two = try f.folder("two/codex-s", ["train.txt": "Q1\tP2\tQ3\nQ1\tP2\n", "valid.txt": "", "test.txt": ""])
        let reason = assertMalformed("train.txt", line: 2) { _ = try KGImporter(kind: .codexS, directory: two).importQuads { _ in } }
        XCTAssertEqual(reason, "expected 3 TAB-separated columns (head, relation, tail), found 2")

        let four = try f.folder("four/dbpedia50", [
            "train.txt": good, "valid.txt": good, "test.txt": "A\tr\tB\n\nA\tr\tB\tC\n",
            "entity-classes.csv": "entity,classes\n",
        ])
        assertMalformed("test.txt", line: 3) { _ = try KGImporter(kind: .dbpedia50, directory: four).importQuads { _ in } }
    }

    func testBadIdsAndCSV() throws {
        let f = try Fixture()
        let ids = try f.folder("ids/codex-m", ["train.txt": "Q1\tP2\tQ3\n", "valid.txt": "Q1\tQ2\tQ3\n", "test.txt": ""])
        assertMalformed("valid.txt", line: 1) { _ = try KGImporter(kind: .codexM, directory: ids).importQuads { _ in } }

        let csv = try f.folder("csv/dbpedia50", [
            "train.txt": good, "valid.txt": good, "test.txt": good,
            "entity-classes.csv": "entity,classes\nA,{'X'}\n\"B,{'Y'}\nC,{'Z'}\n",
        ])
        assertMalformed("entity-classes.csv", line: 3) { _ = try KGImporter(kind: .dbpedia50, directory: csv).importQuads { _ in } }

        let set = try f.folder("set/dbpedia50", [
            "train.txt": good, "valid.txt": good, "test.txt": good,
            "entity-classes.csv": "entity,classes\nA,{'X'}\nB,Band\n",
        ])
        assertMalformed("entity-classes.csv", line: 3) { _ = try KGImporter(kind: .dbpedia50, directory: set).importQuads { _ in } }

        let header = try f.folder("header/db100k", [
            "valid.txt": good, "test.txt": good, "entity-classes.csv": "entity,classes\n",
            "wikidata-to-dbpedia.csv": "qid,name\nQ1,A\n",
        ])
        assertMalformed("wikidata-to-dbpedia.csv", line: 1) { _ = try KGImporter(kind: .db100k, directory: header).importQuads { _ in } }

        let fields = try f.folder("fields/db100k", [
            "valid.txt": good, "test.txt": good, "entity-classes.csv": "entity,classes\n",
            "wikidata-to-dbpedia.csv": "entity,dbpedia\nQ1,A\nQ2,B,C\n",
        ])
        assertMalformed("wikidata-to-dbpedia.csv", line: 3) { _ = try KGImporter(kind: .db100k, directory: fields).importQuads { _ in } }
    }

    func testMissingFileBeforeAnyQuad() throws {
        let f = try Fixture()
        let dir = try f.folder("missing/dbpedia50", ["train.txt": good, "valid.txt": good, "test.txt": good])
        var emitted = 0
        XCTAssertThrowsError(try KGImporter(kind: .dbpedia50, directory: dir).importQuads { _ in emitted += 1 }) {
            XCTAssertEqual($0 as? KGImportError, .missingFile(path: dir.appendingPathComponent("entity-classes.csv").path))
            XCTAssertTrue("\($0)".hasSuffix("entity-classes.csv: required file is missing"))
        }
        XCTAssertEqual(emitted, 0)
    }

    func testCallbackErrorsPropagate() throws {
        struct Stop: Error {}
        let f = try Fixture()
        let dir = try f.folder("cb/codex-s", ["train.txt": "Q1\tP2\tQ3\n", "valid.txt": "", "test.txt": ""])
        XCTAssertThrowsError(try KGImporter(kind: .codexS, directory: dir, metaDirectory: nil).importQuads { _ in throw Stop() }) {
            XCTAssertTrue($0 is Stop)
        }
    }
}
