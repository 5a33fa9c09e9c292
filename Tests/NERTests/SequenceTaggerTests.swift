import GradientTestSupport
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
        let posts = [MNERPost(imageID: "1", words: ["RT", "George", "Zimmerman"], tags: ["O", "B-PER", "I-PER"]),
                     MNERPost(imageID: "2", words: ["Paris", "got"], tags: ["B-LOC", "O"])]
        let batch = TaggingBatch(posts, tokenizer: tokenizer, maxLength: 16)
        var optimizer = Adam(for: model, learningRate: 1e-2)
        var losses: [Float] = []
        for _ in 0..<15 {
            let (loss, gradients) = model.lossAndGradients(batch, dropoutSeed: nil)
            losses.append(loss)
            optimizer.step(&model, gradients: gradients)
        }
        XCTAssertTrue(losses.allSatisfy(\.isFinite), "\(losses)")
        XCTAssertLessThan(losses.last!, losses.first! * 0.5, "\(losses)")
    }
}

/// The whole tagger — KG projection, encoder, co-attention fusion, shape head, CRF — against
/// central differences of its loss, on two posts of which one has an image.
final class SequenceTaggerGradientTests: XCTestCase {
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "george", "zimmer", "##man", "got", "rt", "paris",
    ]))

    private func batch() -> TaggingBatch {
        let posts = [MNERPost(imageID: "a", words: ["RT", "George", "Zimmerman"], tags: ["O", "B-PER", "I-PER"]),
                     MNERPost(imageID: "b", words: ["Paris", "got"], tags: ["B-LOC", "O"])]
        let gazetteer = Gazetteer(labels: [(label: "George Zimmerman", entity: 0), (label: "Paris", entity: 1)])
        let knowledge = KnowledgeFeatures(gazetteer: gazetteer, vectors: randomTensor([2, 3], seed: 21))
        let features = TaggerFeatures(knowledge: knowledge, casing: true, imageTokens: ["a": randomTensor([3, 4], seed: 22)])
        return features.batch(posts, tokenizer: tokenizer, maxLength: 16)
    }

    private func tagger(fusion: TaggerArchitecture.Fusion) -> SequenceTagger {
        let config = TextEncoder.Configuration(family: .bert, vocabSize: 11, hiddenSize: 8, layerCount: 1, headCount: 2,
                                               intermediateSize: 16, maxPositionEmbeddings: 16, typeVocabSize: 2,
                                               activation: .gelu, layerNormEpsilon: 1e-5)
        let architecture = TaggerArchitecture(tagCount: MNERDataset.tags.count, knowledgeDimension: 3,
                                              shapeFeatureCount: WordShape.featureCount, fusion: fusion, imageWidth: 4,
                                              fusionHeads: 2, temperature: 2)
        var model = SequenceTagger(encoder: TextEncoder(config: config, seed: 3), architecture: architecture, seed: 5)
        // Weights of order 1, so every path carries a gradient well above float32 noise.
        for (index, parameter) in model.parameters.enumerated() where !parameter.name.hasPrefix("encoder.") {
            let shape = model[keyPath: parameter.path].shape
            var value = randomTensor(shape, seed: 100 + UInt64(index), scale: 0.5)
            if parameter.name.hasSuffix("norm.weight") { value += Tensor(shape: shape, repeating: 1) }
            model[keyPath: parameter.path] = value
        }
        return model
    }

    func testEveryParameterGradientOfTheFullTagger() {
        let batch = batch()
        XCTAssertTrue(batch.anyImage)
        XCTAssertEqual(batch.hasImage, [true, false])
        XCTAssertNotEqual(batch.knowledge!.values.filter { $0 != 0 }.count, 0, "the gazetteer matched nothing")
        for fusion in [TaggerArchitecture.Fusion.coAttention, .concat] {
            let model = tagger(fusion: fusion)
            for packed in [true, false] {
                let (_, gradients) = model.lossAndGradients(batch, dropoutSeed: nil, packed: packed)
                assertParameterGradients("\(fusion) packed \(packed)", model: model, gradients: gradients, samples: 6,
                                         epsilon: 1e-2, tolerance: 2e-2) { probe in
                    Double(probe.lossAndGradients(batch, dropoutSeed: nil, packed: packed).loss)
                }
            }
        }
    }

    func testATextOnlyBatchSkipsTheFusion() {
        let model = tagger(fusion: .coAttention)
        var batch = batch()
        let withImage = model.emissions(batch)
        batch.hasImage = [false, false]
        let without = model.emissions(batch)
        XCTAssertNotEqual(withImage, without, "the image must change the emissions of its post")
        let length = batch.tokens.length, tags = MNERDataset.tags.count
        XCTAssertEqual(Array(withImage.values[(length * tags)...]), Array(without.values[(length * tags)...]),
                       "the post without an image is unchanged")
    }
}
