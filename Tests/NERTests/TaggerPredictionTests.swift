import NER
import Tensors
import Tokenizers
import XCTest

final class TaggerPredictionTests: XCTestCase {
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "zimmer", "##man", "got", "paris",
    ]))

    func testWordsTakeTheirFirstSubtokensTagAndEmptyWordsGetO() {
        let encoding = tokenizer.encode(words: ["Zimmerman", "\u{FE0F}", "got"])
        XCTAssertEqual(encoding.tokens, ["[CLS]", "zimmer", "##man", "got", "[SEP]"])
        XCTAssertTrue(encoding.wordTokenRanges[1].isEmpty)
        XCTAssertEqual(WordTags.fromSubwordPath([0, 1, 6, 3, 0], encoding: encoding), [1, 0, 3])
    }

    /// Decoding posts of different lengths in one batch gives one tag per word, as decoding each alone.
    func testPredictionsHaveOneTagPerWordWhateverTheBatching() {
        let config = TextEncoder.Configuration(family: .bert, vocabSize: 9, hiddenSize: 16, layerCount: 1, headCount: 2,
                                               intermediateSize: 32, maxPositionEmbeddings: 16, typeVocabSize: 2,
                                               activation: .gelu, layerNormEpsilon: 1e-12)
        let tagger = SequenceTagger(encoder: TextEncoder(config: config, seed: 3), tagCount: MNERDataset.tags.count, seed: 5)
        let posts = [MNERPost(imageID: "1", words: ["Zimmerman", "got", "\u{FE0F}", "Paris"], tags: ["B-PER", "O", "O", "B-LOC"]),
                     MNERPost(imageID: "2", words: ["Paris"], tags: ["B-LOC"])]
        let together = tagger.predictWordTags(posts, tokenizer: tokenizer, labels: MNERDataset.tags, batchSize: 2)
        let alone = tagger.predictWordTags(posts, tokenizer: tokenizer, labels: MNERDataset.tags, batchSize: 1)
        XCTAssertEqual(together.map(\.count), [4, 1])
        XCTAssertEqual(together[0][2], "O", "a word without sub-tokens is O")
        XCTAssertEqual(together, alone)
    }
}
