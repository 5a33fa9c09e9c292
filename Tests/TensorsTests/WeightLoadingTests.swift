import Tensors
import XCTest

final class WeightLoadingTests: XCTestCase {
    private let config = TextEncoder.Configuration(family: .bert, vocabSize: 7, hiddenSize: 4, layerCount: 2, headCount: 2,
                                                   intermediateSize: 6, maxPositionEmbeddings: 5, typeVocabSize: 2,
                                                   activation: .gelu, layerNormEpsilon: 1e-12)

    private func checkpoint(of model: TextEncoder) -> NamedTensors {
        var tensors: NamedTensors = [:]
        for parameter in model.parameters {
            let tensor = model[keyPath: parameter.path]
            tensors[parameter.name] = (tensor.shape, tensor.values)
        }
        return tensors
    }

    func testBERTAndALBERTNamesFollowTransformers() {
        let bert = TextEncoder(config: config, seed: 1).parameters.map(\.name)
        XCTAssertEqual(bert.count, 5 + 2 * 16 + 2)
        for name in ["embeddings.word_embeddings.weight", "embeddings.LayerNorm.bias",
                     "encoder.layer.1.attention.self.query.weight", "encoder.layer.0.attention.output.dense.bias",
                     "encoder.layer.0.attention.output.LayerNorm.weight", "encoder.layer.1.intermediate.dense.weight",
                     "encoder.layer.1.output.dense.weight", "encoder.layer.1.output.LayerNorm.bias", "pooler.dense.weight"] {
            XCTAssertTrue(bert.contains(name), name)
        }
        let albertConfig = TextEncoder.Configuration(family: .albert, vocabSize: 7, hiddenSize: 4, layerCount: 3, headCount: 2,
                                                 intermediateSize: 6, maxPositionEmbeddings: 5, typeVocabSize: 2,
                                                 embeddingSize: 3, activation: .geluTanh, layerNormEpsilon: 1e-12)
        let albert = TextEncoder(config: albertConfig, seed: 1).parameters.map(\.name)
        XCTAssertEqual(albert.count, 5 + 2 + 16 + 2, "one shared layer")
        let layer = "encoder.albert_layer_groups.0.albert_layers.0."
        for name in ["encoder.embedding_hidden_mapping_in.weight", layer + "attention.query.bias", layer + "attention.dense.weight",
                     layer + "attention.LayerNorm.weight", layer + "ffn.weight", layer + "ffn_output.bias",
                     layer + "full_layer_layer_norm.weight", "pooler.weight", "pooler.bias"] {
            XCTAssertTrue(albert.contains(name), name)
        }
    }

    func testLoadRoundTripsAndReportsEveryProblemByName() throws {
        let source = TextEncoder(config: config, seed: 1)
        var target = TextEncoder(config: config, seed: 2)
        var tensors = checkpoint(of: source)
        let report = try target.load(tensors)
        XCTAssertTrue(report.isComplete)
        for parameter in source.parameters {
            XCTAssertEqual(target[keyPath: parameter.path], source[keyPath: parameter.path], parameter.name)
        }

        tensors["encoder.layer.1.attention.self.key.bias"] = nil
        tensors["embeddings.position_ids"] = ([1, 5], [0, 1, 2, 3, 4])
        tensors["cls.predictions.bias"] = ([7], [Float](repeating: 0, count: 7))
        tensors["encoder.layer.0.intermediate.dense.weight"] = ([4, 6], [Float](repeating: 0, count: 24))
        let untouched = TextEncoder(config: config, seed: 3)
        var failing = untouched
        XCTAssertThrowsError(try failing.load(tensors, ignoring: { $0 == "embeddings.position_ids" })) { error in
            let report = (error as? WeightLoadError)?.report
            XCTAssertEqual(report?.missing, ["encoder.layer.1.attention.self.key.bias"])
            XCTAssertEqual(report?.unexpected, ["cls.predictions.bias"])
            XCTAssertEqual(report?.ignored, ["embeddings.position_ids"])
            XCTAssertEqual(report?.mismatched, [.init(name: "encoder.layer.0.intermediate.dense.weight", expected: [6, 4], found: [4, 6])])
            XCTAssertTrue("\(error)".contains("cls.predictions.bias"))
        }
        XCTAssertEqual(failing.embeddings.word.weight, untouched.embeddings.word.weight, "a failed load changes nothing")
    }

    func testPrefixedCheckpoint() throws {
        let source = TextEncoder(config: config, seed: 4)
        var prefixed: NamedTensors = [:]
        for (name, tensor) in checkpoint(of: source) { prefixed["bert." + name] = tensor }
        let loaded = try TextEncoder(config: config, weights: prefixed, prefix: "bert.")
        XCTAssertEqual(loaded.pooler.weight, source.pooler.weight)
    }
}
