import NER
import Tensors
import Tokenizers
import XCTest

final class WordShapeTests: XCTestCase {
    func testFeaturesOfSampleWords() {
        // initial capital, all capitals, inner capital, digit, punctuation, hashtag, mention, URL
        let expected: [String: [Float]] = [
            "Obama": [1, 0, 0, 0, 0, 0, 0, 0],
            "NBA": [1, 1, 0, 0, 0, 0, 0, 0],
            "A": [1, 0, 0, 0, 0, 0, 0, 0],
            "iPhone": [0, 0, 1, 0, 0, 0, 0, 0],
            "2015": [0, 0, 0, 1, 0, 0, 0, 0],
            "...": [0, 0, 0, 0, 1, 0, 0, 0],
            "#": [0, 0, 0, 0, 1, 0, 0, 0],
            "#NewYork": [1, 0, 1, 0, 0, 1, 0, 0],
            "@espn": [0, 0, 0, 0, 0, 0, 1, 0],
            "http://t.co/2A5bM9PDML": [0, 0, 1, 1, 0, 0, 0, 1],
            "Élan": [1, 0, 0, 0, 0, 0, 0, 0],
            "today": [0, 0, 0, 0, 0, 0, 0, 0],
        ]
        for (word, features) in expected { XCTAssertEqual(WordShape.features(of: word), features, word) }
        XCTAssertEqual(WordShape.featureCount, 8)
    }

    func testFeaturesSitOnEachWordsFirstSubtokenOnly() throws {
        let tokenizer = try WordPieceTokenizer(vocabulary: Vocabulary(lines: [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "zimmer", "##man", "got", "nba",
        ]))
        let encodings = [tokenizer.encode(words: ["Zimmerman", "got"]), tokenizer.encode(words: ["NBA"])]
        let features = WordShape.subwordFeatures(words: [["Zimmerman", "got"], ["NBA"]], encodings: encodings, length: 5)
        XCTAssertEqual(features.shape, [2, 5, 8])
        func row(_ post: Int, _ token: Int) -> [Float] { Array(features.values[(post * 5 + token) * 8..<(post * 5 + token + 1) * 8]) }
        let zeros = [Float](repeating: 0, count: 8)
        XCTAssertEqual((0..<5).map { row(0, $0) }, [zeros, WordShape.features(of: "Zimmerman"), zeros, zeros, zeros])
        XCTAssertEqual((0..<5).map { row(1, $0) }, [zeros, WordShape.features(of: "NBA"), zeros, zeros, zeros])
    }
}
