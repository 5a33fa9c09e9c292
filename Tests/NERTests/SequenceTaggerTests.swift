import NER
import Tensors
import Tokenizers
import XCTest

final class SequenceTaggerTests: XCTestCase {
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "george", "zimmer", "##man", "got", "rt", "paris",
    ]))

    func testSubwordsContinueTheirWordsTag() {
        let encoding = tokenizer.encode(words: ["RT", "George", "Zimmerman", "got"])
        XCTAssertEqual(encoding.tokens, ["[CLS]", "rt", "george", "zimmer", "##man", "got", "[SEP]"])
        let labels = SubwordLabels.align(encoding, wordTags: ["O", "B-PER", "I-PER", "O"], length: 9)
        XCTAssertEqual(labels.map { MNERDataset.tags[$0] }, ["O", "O", "B-PER", "I-PER", "I-PER", "O", "O", "O", "O"])
        let split = SubwordLabels.align(tokenizer.encode(words: ["Zimmerman"]), wordTags: ["B-PER"], length: 4)
        XCTAssertEqual(split.map { MNERDataset.tags[$0] }, ["O", "B-PER", "I-PER", "O"], "a B- word continues as I-")
    }

    /// A few AdamW steps on two posts must lower the CRF loss of a small random encoder.
    func testTrainingStepsLowerTheLoss() {
        let config = TextEncoder.Configuration(family: .bert, vocabSize: 11, hiddenSize: 16, layerCount: 1, headCount: 2,
                                               intermediateSize: 32, maxPositionEmbeddings: 16, typeVocabSize: 2,
                                               activation: .gelu, layerNormEpsilon: 1e-12)
        var model = SequenceTagger(encoder: TextEncoder(config: config, seed: 3), tagCount: MNERDataset.tags.count, seed: 5)
        let posts = [(["RT", "George", "Zimmerman"], ["O", "B-PER", "I-PER"]), (["Paris", "got"], ["B-LOC", "O"])]
        let encodings = posts.map { tokenizer.encode(words: $0.0) }
        let padded = tokenizer.pad(encodings)
        let batch = TokenBatch(size: padded.batchSize, length: padded.sequenceLength, inputIds: padded.inputIds,
                               attentionMask: padded.attentionMask, tokenTypeIds: padded.tokenTypeIds)
        let tags = zip(encodings, posts).flatMap { SubwordLabels.align($0, wordTags: $1.1, length: padded.sequenceLength) }
        var optimizer = Adam(for: model, learningRate: 1e-2)
        var losses: [Float] = []
        for _ in 0..<15 {
            let (loss, gradients) = model.lossAndGradients(batch, tags: tags, scoredMask: padded.attentionMask, dropoutSeed: nil)
            losses.append(loss)
            optimizer.step(&model, gradients: gradients)
        }
        XCTAssertTrue(losses.allSatisfy(\.isFinite), "\(losses)")
        XCTAssertLessThan(losses.last!, losses.first! * 0.5, "\(losses)")
    }
}
