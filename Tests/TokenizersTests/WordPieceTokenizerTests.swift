import Foundation
import Tokenizers
import XCTest

/// Rules checked on a small hand-made vocabulary, with the options MiniLM does not exercise.
final class WordPieceTokenizerTests: XCTestCase {
    private let vocabulary = Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "un", "##aff", "##able", "una", "##ffable", "aff", "zoë", "zoe", "café", "##s", "a", "b", "x", "!", "é",
    ])

    private func tokens(_ tokenizer: WordPieceTokenizer, _ text: String) -> [String] {
        tokenizer.encode(text: text, addSpecialTokens: false).tokens
    }

    func testGreedyLongestMatchFirst() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary)
        // "una" + "##ffable" beats "un" + "##aff" + "##able": the first piece is the longest.
        XCTAssertEqual(tokens(tokenizer, "unaffable"), ["una", "##ffable"])
        XCTAssertEqual(tokens(tokenizer, "affs"), ["aff", "##s"])
        // An unmatched remainder makes the whole word unknown, not just the rest.
        XCTAssertEqual(tokens(tokenizer, "affq x"), ["[UNK]", "x"])
        XCTAssertEqual(tokenizer.encode(text: "affq").offsets, [nil, 0..<4, nil])
    }

    func testWordLengthLimitCountsScalars() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, maxInputCharsPerWord: 3)
        XCTAssertEqual(tokens(tokenizer, "aff"), ["aff"])
        XCTAssertEqual(tokens(tokenizer, "affs"), ["[UNK]"])
    }

    func testCasedTokenizerKeepsCaseAndAccents() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, lowercase: false)
        XCTAssertFalse(tokenizer.stripAccents)
        XCTAssertEqual(tokens(tokenizer, "zoë Zoë"), ["zoë", "[UNK]"])
        // Precomposed and decomposed ë are different strings to Hugging Face, and so here,
        // though Swift's String == calls them equal.
        XCTAssertEqual(tokens(tokenizer, "zoe\u{308}"), ["[UNK]"])
        XCTAssertNil(vocabulary.id(for: "zoe\u{308}"))
    }

    func testAccentsCanBeStrippedWithoutLowercasing() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, lowercase: false, stripAccents: true)
        XCTAssertEqual(tokens(tokenizer, "zoë Zoë café"), ["zoe", "[UNK]", "[UNK]"])
        let keeping = try WordPieceTokenizer(vocabulary: vocabulary, lowercase: true, stripAccents: false)
        XCTAssertEqual(tokens(keeping, "ZOË CAFÉ"), ["zoë", "café"])
    }

    func testChineseCharactersCanBeLeftUnsplit() throws {
        let vocabulary = Vocabulary(lines: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "東", "京", "東京"])
        let splitting = try WordPieceTokenizer(vocabulary: vocabulary)
        XCTAssertEqual(tokens(splitting, "東京"), ["東", "京"])
        let whole = try WordPieceTokenizer(vocabulary: vocabulary, handleChineseChars: false)
        XCTAssertEqual(tokens(whole, "東京"), ["東京"])
    }

    func testLiteralSpecialTokensAreMatchedCaseSensitivelyBeforeNormalising() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary)
        let encoding = tokenizer.encode(text: "a[MASK]b [mask]")
        XCTAssertEqual(encoding.tokens, ["[CLS]", "a", "[MASK]", "b", "[UNK]", "[UNK]", "[UNK]", "[SEP]"])
        XCTAssertEqual(encoding.offsets[2], 1..<7)
        XCTAssertEqual(encoding.wordIds, [nil, 0, 1, 2, 3, 4, 5, nil])
    }

    func testTruncationKeepsTheSpecialTokens() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary)
        XCTAssertEqual(tokenizer.encode(text: "a b x ! a", maxLength: 4).tokens, ["[CLS]", "a", "b", "[SEP]"])
        XCTAssertEqual(tokenizer.encode(text: "a b", maxLength: 2).tokens, ["[CLS]", "[SEP]"])
        XCTAssertEqual(tokenizer.encode(text: "a b x", addSpecialTokens: false, maxLength: 2).tokens, ["a", "b"])
    }

    func testMissingSpecialTokenIsReported() {
        XCTAssertThrowsError(try WordPieceTokenizer(vocabulary: Vocabulary(lines: ["[UNK]", "[CLS]", "[SEP]"]))) { error in
            XCTAssertEqual("\(error)", "the vocabulary has no [PAD] token")
        }
        // [MASK] is optional: only needed to recognise it in text.
        XCTAssertNoThrow(try WordPieceTokenizer(vocabulary: Vocabulary(lines: ["[PAD]", "[UNK]", "[CLS]", "[SEP]"])))
    }
}
