import GradientTestSupport
import Encoders
import Foundation
import SafeTensors
import Tensors
import XCTest

/// The CLIP vision transformer against transformers' `CLIPVisionModel` (`clip-vit-tiny` in the
/// shared fixtures: every hidden state and the pooler within 1e-4 max-abs), and its backward
/// passes against central differences.
final class VisionParityTests: XCTestCase {
    private let sum = GradientCheck.weightedSum

    private struct Fixture {
        let config: VisionEncoder.Configuration
        let weights: NamedTensors
        let io: NamedTensors

        init() throws {
            let directory = try Fixtures.directory("clip-vit-tiny")
            let clip = try XCTUnwrap(try HFConfig(contentsOf: directory.appendingPathComponent("config.json")).clipVision)
            config = try VisionEncoder.Configuration(clip)
            weights = try Fixtures.tensors(directory.appendingPathComponent("model.safetensors"))
            io = try Fixtures.tensors(directory.appendingPathComponent("io.safetensors"))
        }

        /// Max-abs difference of every output from the reference, each asserted within 1e-4.
        func compare(_ output: VisionEncoder.Output, file: StaticString = #filePath, line: UInt = #line) throws -> [(String, Float)] {
            let outputs = [("embedding_output", output.embeddingOutput)]
                + output.hiddenStates.enumerated().map { ("hidden_states.\($0.offset)", $0.element) }
                + [("last_hidden_state", output.lastHiddenState), ("pooler_output", output.pooled)]
            return try outputs.map { name, got in
                let want = try io.tensor(name)
                XCTAssertEqual(got.shape, want.shape, name, file: file, line: line)
                let difference = got.shape == want.shape ? got.maxAbsoluteDifference(want) : .infinity
                XCTAssertLessThanOrEqual(difference, 1e-4, "\(name) max-abs \(difference)", file: file, line: line)
                return (name, difference)
            }
        }
    }

    func testClipViTTinyMatchesTransformers() throws {
        let fixture = try Fixture()
        XCTAssertEqual(fixture.config.activation, .quickGelu)
        XCTAssertEqual(VisionEncoder.checkpointPrefix(fixture.weights), "", "transformers 5 saves bare names")
        let model = try VisionEncoder(config: fixture.config, weights: fixture.weights)
        let output = model.forward(try fixture.io.tensor("pixel_values")).output
        XCTAssertEqual(output.hiddenStates.count, 3)
        print("clip-vit-tiny parity (max-abs):", try fixture.compare(output))
    }

    /// Hub `CLIPModel` checkpoints hold the same tensors under `vision_model.`, next to the text
    /// tower and the projections, which a vision encoder leaves out.
    func testCLIPModelCheckpointNames() throws {
        let fixture = try Fixture()
        var hub: NamedTensors = ["text_model.embeddings.token_embedding.weight": ([2, 32], Array(repeating: 0, count: 64)),
                                 "visual_projection.weight": ([32, 32], Array(repeating: 0, count: 1024)),
                                 "logit_scale": ([], [2.6592])]
        for (name, tensor) in fixture.weights { hub["vision_model." + name] = tensor }
        let prefix = VisionEncoder.checkpointPrefix(hub)
        XCTAssertEqual(prefix, "vision_model.")
        XCTAssertThrowsError(try VisionEncoder(config: fixture.config, weights: hub, prefix: prefix))
        let model = try VisionEncoder(config: fixture.config, weights: hub, prefix: prefix,
                                      ignoring: { !$0.hasPrefix(prefix) })
        _ = try fixture.compare(model.forward(try fixture.io.tensor("pixel_values")).output)
    }

    func testParameterNamesFollowTransformers() throws {
        let config = VisionEncoder.Configuration(imageSize: 8, patchSize: 4, hiddenSize: 8, layerCount: 2, headCount: 2,
                                                 intermediateSize: 12)
        let names = VisionEncoder(config: config, seed: 1).parameters.map(\.name)
        XCTAssertEqual(names.count, 5 + 2 * 16 + 2)
        for name in ["embeddings.patch_embedding.weight", "embeddings.class_embedding", "embeddings.position_embedding.weight",
                     "pre_layrnorm.weight", "encoder.layers.1.self_attn.out_proj.bias", "encoder.layers.0.layer_norm1.weight",
                     "encoder.layers.0.mlp.fc1.weight", "encoder.layers.0.mlp.fc2.bias", "encoder.layers.1.layer_norm2.bias",
                     "post_layernorm.bias"] {
            XCTAssertTrue(names.contains(name), name)
        }
        XCTAssertFalse(names.contains { $0.contains("patch_embedding.bias") }, "the patch convolution has no bias")
    }

    func testPreLNLayerGradients() {
        var initializer = WeightInitializer.normal(standardDeviation: 0.5, seed: 21)
        var layer = PreLNTransformerLayer(width: 8, heads: 2, intermediateSize: 12, activation: .quickGelu, epsilon: 1e-5,
                                          initializer: &initializer)
        // γ ≠ 1 and non-zero biases, so a swapped γ/β or a dropped bias gradient would show.
        for (index, parameter) in layer.parameters.enumerated() where parameter.name.hasSuffix("bias") {
            layer[keyPath: parameter.path] = randomTensor(layer[keyPath: parameter.path].shape, seed: 30 + UInt64(index), scale: 0.3)
        }
        layer.attentionNorm.weight = Add.forward(randomTensor([8], seed: 22, scale: 0.2), Tensor(shape: [8], repeating: 1))
        layer.mlpNorm.weight = Add.forward(randomTensor([8], seed: 23, scale: 0.2), Tensor(shape: [8], repeating: 1))
        let x = randomTensor([2, 5, 8], seed: 24), w = randomTensor([2, 5, 8], seed: 25)
        let (_, cache) = layer.forward(x)
        var gradients = layer.zeroGradients()
        let dx = layer.backward(w, cache: cache, gradients: &gradients)
        assertGradient("pre-LN layer x", analytic: dx, at: x) { self.sum(layer.forward($0).output, w) }
        assertParameterGradients("pre-LN layer", model: layer, gradients: gradients, samples: 10) {
            self.sum($0.forward(x).output, w)
        }
    }

    func testPatchEmbeddingGradients() {
        var initializer = WeightInitializer.normal(standardDeviation: 0.5, seed: 41)
        let embedding = PatchEmbedding(channels: 3, patchSize: 4, width: 6, initializer: &initializer)
        let images = randomTensor([2, 3, 8, 12], seed: 42), w = randomTensor([2, 6, 6], seed: 43)
        let (output, cache) = embedding.forward(images)
        XCTAssertEqual(output.shape, [2, 6, 6])
        var gradients = embedding.zeroGradients()
        let dImages = embedding.backward(w, cache: cache, gradients: &gradients)
        assertGradient("patch embedding images", analytic: dImages, at: images) { self.sum(embedding.forward($0).output, w) }
        assertParameterGradients("patch embedding", model: embedding, gradients: gradients, samples: 40) {
            self.sum($0.forward(images).output, w)
        }
    }

    /// A stride-P convolution computed directly, against ``PatchEmbedding``'s patches-times-matrix.
    func testPatchEmbeddingIsTheStridedConvolution() {
        var initializer = WeightInitializer.normal(standardDeviation: 1, seed: 51)
        let embedding = PatchEmbedding(channels: 2, patchSize: 3, width: 4, initializer: &initializer)
        let images = randomTensor([1, 2, 6, 9], seed: 52)
        let output = embedding.forward(images).output
        for (row, column) in [(0, 0), (0, 2), (1, 1), (1, 2)] {
            for feature in 0..<4 {
                var expected: Float = 0
                for channel in 0..<2 {
                    for dy in 0..<3 {
                        for dx in 0..<3 {
                            expected += embedding.weight[feature, channel, dy, dx] * images[0, channel, 3 * row + dy, 3 * column + dx]
                        }
                    }
                }
                XCTAssertEqual(output[0, row * 3 + column, feature], expected, accuracy: 1e-5, "patch (\(row), \(column))")
            }
        }
    }

    func testVisionEncoderGradients() {
        let config = VisionEncoder.Configuration(imageSize: 8, patchSize: 4, hiddenSize: 8, layerCount: 2, headCount: 2,
                                                 intermediateSize: 12, initializerRange: 0.5)
        let model = VisionEncoder(config: config, seed: 61)
        let images = randomTensor([2, 3, 8, 8], seed: 62)
        let wHidden = randomTensor([2, 5, 8], seed: 63), wPooled = randomTensor([2, 8], seed: 64)
        func loss(_ model: VisionEncoder, _ images: Tensor) -> Double {
            let output = model.forward(images).output
            return sum(output.lastHiddenState, wHidden) + sum(output.pooled, wPooled)
        }
        let (_, cache) = model.forward(images)
        var gradients = model.zeroGradients()
        let dImages = model.backward(lastHiddenState: wHidden, pooled: wPooled, cache: cache, gradients: &gradients)
        // ε = 3e-3 and the zero tolerance as for the text encoders: two layers of N(0, 0.5²)
        // weights curve enough for ε = 1e-2 to cost truncation error.
        assertGradient("vision encoder images", analytic: dImages, at: images, epsilon: 3e-3) { loss(model, $0) }
        assertParameterGradients("vision encoder", model: model, gradients: gradients, samples: 6, epsilon: 3e-3,
                                 zeroTolerance: 5e-3) { loss($0, images) }
    }
}

