import Foundation
import Tokenizers
import XCTest

/// Exact parity with fixtures/minilm-real/tokens.json, the reference encodings of the shared
/// fixtures (Hugging Face transformers 5.24.0, tokenizers 0.23.3).
final class MiniLMFixtureTests: XCTestCase {
    private struct TokensFile: Decodable {
        struct Sentence: Decodable {
            let text: String
            let length: Int
            let input_ids: [Int]
            let tokens: [String]
            let word_ids: [Int?]
        }
        struct Pretokenized: Decodable {
            let words: [String]
            let input_ids: [Int]
            let tokens: [String]
            let word_ids: [Int?]
            let first_subtoken_index: [Int]
        }
        struct Case: Decodable {
            let rule: String
            let text: String
            let input_ids: [Int]
            let tokens: [String]
            let word_ids: [Int?]
        }
        let special_ids: [String: Int]
        let sentences: [Sentence]
        let pretokenized: Pretokenized
        let tokenizer_cases: [Case]
    }

    private func load() throws -> (WordPieceTokenizer, TokensFile) {
        let tokenizer = try TestFiles.miniLMTokenizer()
        let url = try TestFiles.shared("fixtures/minilm-real/tokens.json")
        return (tokenizer, try JSONDecoder().decode(TokensFile.self, from: Data(contentsOf: url)))
    }

    func testTweetSentences() throws {
        let (tokenizer, file) = try load()
        XCTAssertEqual(file.sentences.count, 4)
        for sentence in file.sentences {
            let encoding = tokenizer.encode(text: sentence.text)
            XCTAssertEqual(encoding.ids, sentence.input_ids, sentence.text)
            XCTAssertEqual(encoding.tokens, sentence.tokens, sentence.text)
            XCTAssertEqual(encoding.wordIds, sentence.word_ids, sentence.text)
            XCTAssertEqual(encoding.count, sentence.length, sentence.text)
        }
    }

    func testPretokenizedWords() throws {
        let (tokenizer, file) = try load()
        let expected = file.pretokenized
        let encoding = tokenizer.encode(words: expected.words)
        XCTAssertEqual(encoding.ids, expected.input_ids)
        XCTAssertEqual(encoding.tokens, expected.tokens)
        XCTAssertEqual(encoding.wordIds, expected.word_ids)
        XCTAssertEqual(encoding.firstTokenIndices, expected.first_subtoken_index)
    }

    func testOneRuleEdgeCases() throws {
        let (tokenizer, file) = try load()
        XCTAssertEqual(file.tokenizer_cases.count, 20)
        for rule in file.tokenizer_cases {
            let encoding = tokenizer.encode(text: rule.text)
            XCTAssertEqual(encoding.ids, rule.input_ids, rule.rule)
            XCTAssertEqual(encoding.tokens, rule.tokens, rule.rule)
            XCTAssertEqual(encoding.wordIds, rule.word_ids, rule.rule)
        }
    }

    func testSpecialTokenIds() throws {
        let (tokenizer, file) = try load()
        for (token, id) in file.special_ids {
            XCTAssertEqual(tokenizer.vocabulary.id(for: token), id, token)
        }
        XCTAssertTrue(tokenizer.lowercase)
        XCTAssertTrue(tokenizer.stripAccents)
        XCTAssertEqual(tokenizer.vocabulary.count, 30522)
    }
}
