import Foundation
import Tokenizers
import XCTest

final class VocabularyAndConfigurationTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokenizers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    private let bertVocabulary = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nzoë\nzoe\n"

    /// Line ends as Python's text mode reads them; ids are line numbers; later duplicates win.
    func testVocabularyFileLines() throws {
        try write("vocab.txt", "a\r\nb\rc\n \nd\u{2028}e\na\nlast")
        let vocabulary = try Vocabulary(contentsOf: folder.appendingPathComponent("vocab.txt"))
        XCTAssertEqual(vocabulary.tokens, ["a", "b", "c", " ", "d\u{2028}e", "a", "last"])
        XCTAssertEqual(vocabulary.id(for: "a"), 5)
        XCTAssertEqual(vocabulary.id(for: "last"), 6)
        XCTAssertEqual(vocabulary.count, 7)
    }

    func testMissingVocabularyFile() {
        XCTAssertThrowsError(try WordPieceTokenizer(modelFolder: folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot read \(folder.appendingPathComponent("vocab.txt").path)"), "\(error)")
        }
    }

    func testFolderWithOnlyVocabularyIsUncasedBERT() throws {
        try write("vocab.txt", bertVocabulary)
        let tokenizer = try WordPieceTokenizer(modelFolder: folder)
        XCTAssertTrue(tokenizer.lowercase)
        XCTAssertTrue(tokenizer.stripAccents)
        XCTAssertEqual(tokenizer.encode(text: "ZOË").tokens, ["[CLS]", "zoe", "[SEP]"])
    }

    func testTokenizerConfigMakesItCased() throws {
        try write("vocab.txt", bertVocabulary)
        try write("tokenizer_config.json", #"{"do_lower_case": false, "strip_accents": null, "unk_token": {"content": "[UNK]"}}"#)
        let tokenizer = try WordPieceTokenizer(modelFolder: folder)
        XCTAssertFalse(tokenizer.lowercase)
        XCTAssertFalse(tokenizer.stripAccents)
        XCTAssertEqual(tokenizer.encode(text: "zoë Zoë").tokens, ["[CLS]", "zoë", "[UNK]", "[SEP]"])
    }

    func testTokenizerJSONNormalizerAndWordLimit() throws {
        try write("vocab.txt", bertVocabulary)
        try write("tokenizer.json", #"""
            {"normalizer": {"type": "BertNormalizer", "lowercase": true, "strip_accents": false, "handle_chinese_chars": true},
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "max_input_chars_per_word": 2}}
            """#)
        let tokenizer = try WordPieceTokenizer(modelFolder: folder)
        XCTAssertTrue(tokenizer.lowercase)
        XCTAssertFalse(tokenizer.stripAccents)
        // "zoë" has 3 scalars, over the limit of 2.
        XCTAssertEqual(tokenizer.encode(text: "ZOË").tokens, ["[CLS]", "[UNK]", "[SEP]"])
    }

    func testBrokenConfiguration() throws {
        try write("vocab.txt", bertVocabulary)
        try write("tokenizer_config.json", "{ not json")
        XCTAssertThrowsError(try WordPieceTokenizer(modelFolder: folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("invalid tokenizer configuration"), "\(error)")
            XCTAssertTrue("\(error)".contains("tokenizer_config.json"), "\(error)")
        }
    }
}
