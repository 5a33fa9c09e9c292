import Foundation
import Tokenizers
import XCTest

/// One encoding by Hugging Face, as written by scripts/make_tokenizer_fixtures.py into
/// HuggingFaceExpectations.swift.
struct HFCase {
    /// The words, or a single text.
    let input: [String]
    let isWords: Bool
    let maxLength: Int?
    let ids: [Int]
    let tokens: [String]
    let wordIds: [Int?]
    let offsets: [Range<Int>?]
}

/// Parity with Hugging Face's BertTokenizer beyond the shared fixture: word lists, offsets,
/// truncation, padding, and the whole Twitter data.
final class HuggingFaceParityTests: XCTestCase {
    func testCasesIncludingOffsets() throws {
        let tokenizer = try TestFiles.miniLMTokenizer()
        for expected in huggingFaceCases {
            let encoding = expected.isWords
                ? tokenizer.encode(words: expected.input, maxLength: expected.maxLength)
                : tokenizer.encode(text: expected.input[0], maxLength: expected.maxLength)
            let label = expected.input.joined(separator: " ").debugDescription
            XCTAssertEqual(encoding.ids, expected.ids, label)
            XCTAssertEqual(encoding.tokens, expected.tokens, label)
            XCTAssertEqual(encoding.wordIds, expected.wordIds, label)
            XCTAssertEqual(encoding.offsets, expected.offsets, label)
            XCTAssertEqual(encoding.attentionMask, Array(repeating: 1, count: expected.ids.count), label)
            XCTAssertEqual(encoding.tokenTypeIds, Array(repeating: 0, count: expected.ids.count), label)
            if expected.isWords {
                XCTAssertEqual(encoding.firstTokenIndices, firstOccurrences(expected.wordIds, wordCount: expected.input.count), label)
            }
        }
    }

    /// Words erased by normalisation keep an empty range at their place in the sequence.
    func testWordRangesOfErasedAndTruncatedWords() throws {
        let tokenizer = try TestFiles.miniLMTokenizer()
        let words = ["\u{FE0F}", "I", "\u{200B}", "love", "New York", "", "Zoë"]
        let encoding = tokenizer.encode(words: words)
        XCTAssertEqual(encoding.tokens, ["[CLS]", "i", "love", "new", "york", "zoe", "[SEP]"])
        XCTAssertEqual(encoding.wordTokenRanges, [1..<1, 1..<2, 2..<2, 2..<3, 3..<5, 5..<5, 5..<6])
        XCTAssertEqual(encoding.firstTokenIndices, [nil, 1, nil, 2, 3, nil, 5])

        let truncated = tokenizer.encode(words: words, maxLength: 4)
        XCTAssertEqual(truncated.tokens, ["[CLS]", "i", "love", "[SEP]"])
        XCTAssertEqual(truncated.wordTokenRanges, [1..<1, 1..<2, 2..<2, 2..<3, 3..<3, 3..<3, 3..<3])

        let bare = tokenizer.encode(words: words, addSpecialTokens: false)
        XCTAssertEqual(bare.tokens, ["i", "love", "new", "york", "zoe"])
        XCTAssertEqual(bare.firstTokenIndices, [nil, 0, nil, 1, 2, nil, 4])
    }

    func testPaddedBatch() throws {
        let tokenizer = try TestFiles.miniLMTokenizer()
        let batch = tokenizer.pad(huggingFaceBatch.texts.map { tokenizer.encode(text: $0) })
        XCTAssertEqual(batch.batchSize, 3)
        XCTAssertEqual(batch.sequenceLength, huggingFaceBatch.inputIds[0].count)
        XCTAssertEqual(batch.inputIds, huggingFaceBatch.inputIds.flatMap { $0 })
        XCTAssertEqual(batch.attentionMask, huggingFaceBatch.attentionMask.flatMap { $0 })
        XCTAssertEqual(batch.tokenTypeIds, Array(repeating: 0, count: 3 * batch.sequenceLength))
        XCTAssertEqual(batch.encodings[1].tokens.suffix(2), ["[PAD]", "[PAD]"])
        XCTAssertEqual(batch.encodings[1].wordIds.suffix(2), [nil, nil])

        let fixed = tokenizer.pad([tokenizer.encode(text: "short one")], to: .fixed(6))
        XCTAssertEqual(fixed.inputIds, [101, 2460, 2028, 102, 0, 0])
        XCTAssertEqual(fixed.attentionMask, [1, 1, 1, 1, 0, 0])
    }

    /// Every sentence of Twitter-2015 and Twitter-2017, encoded word by word, against Hugging
    /// Face: ids and each word's first sub-token, fingerprinted per file.
    func testWholeTwitterData() throws {
        let tokenizer = try TestFiles.miniLMTokenizer()
        for expected in twitterFingerprints {
            let text = try String(contentsOf: TestFiles.shared(expected.file), encoding: .utf8)
            var fingerprint = "", sentences = 0, tokens = 0
            for words in Self.sentences(text) {
                let encoding = tokenizer.encode(words: words)
                fingerprint += encoding.ids.map(String.init).joined(separator: ",") + ";"
                    + encoding.firstTokenIndices.map { $0.map(String.init) ?? "-" }.joined(separator: ",") + "\n"
                sentences += 1
                tokens += encoding.count
            }
            XCTAssertEqual(sentences, expected.sentences, expected.file)
            XCTAssertEqual(tokens, expected.tokens, expected.file)
            XCTAssertEqual(fnv1a64(fingerprint), expected.hash, expected.file)
        }
    }

    /// Sentences of a Twitter CoNLL file: `IMGID:` opens one, a blank line closes it, each
    /// other line is `word<TAB>tag`. Lines end at "\n" only, as in the generating script.
    private static func sentences(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var words: [String] = []
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("IMGID:") {
                words = []
            } else if line.isEmpty {
                if !words.isEmpty { result.append(words) }
                words = []
            } else {
                words.append(String(line.unicodeScalars.prefix { $0 != "\t" }))
            }
        }
        if !words.isEmpty { result.append(words) }
        return result
    }

    private func firstOccurrences(_ wordIds: [Int?], wordCount: Int) -> [Int?] {
        (0..<wordCount).map { word in wordIds.firstIndex(of: word) }
    }

    private func fnv1a64(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
