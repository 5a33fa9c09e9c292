import GradientTestSupport
import NER
import Tensors
import XCTest

/// ``CrossAttentionFusion`` and ``ConcatFusion`` forward/backward against central differences, on
/// three posts: one full, one with padded text, one without an image (whose output must be its
/// text rows exactly and whose image gets no gradient).
final class FusionGradientTests: XCTestCase {
    private static let hiddenSize = 8, imageSize = 6, length = 4, imageTokens = 3
    /// Real lengths 4, 2 and 3; the third post has no image.
    private static let textMask = [1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0]
    private static let hasImage = [true, true, false]
    private static let batch = hasImage.count

    private let text = randomTensor([batch, length, hiddenSize], seed: 11)
    private let image = randomTensor([batch, imageTokens, imageSize], seed: 12)
    /// L = Σ w ⊙ output.
    private let weights = randomTensor([batch, length, hiddenSize], seed: 13)

    func testCrossAttentionFusionGradients() {
        let fusion = Self.crossAttention(temperature: 1.5, dropout: 0.2)
        let seed: UInt64 = 7
        let loss = { (model: CrossAttentionFusion, text: Tensor, image: Tensor) -> Double in
            GradientCheck.weightedSum(model.forward(text: text, textMask: Self.textMask, image: image, hasImage: Self.hasImage,
                                                    dropoutSeed: seed).output, self.weights)
        }
        let (output, cache) = fusion.forward(text: text, textMask: Self.textMask, image: image, hasImage: Self.hasImage,
                                             dropoutSeed: seed)
        var gradients = fusion.zeroGradients()
        let (dText, dImage) = fusion.backward(weights, cache: cache, gradients: &gradients)

        assertTextOnlyPost(output: output, dText: dText, dImage: dImage)
        assertGradient("cross-attention fusion text", analytic: dText, at: text) { loss(fusion, $0, self.image) }
        assertGradient("cross-attention fusion image", analytic: dImage, at: image) { loss(fusion, self.text, $0) }
        XCTAssertEqual(fusion.parameters.count, 2 + 3 * 8 + 2 + 2 + 2)
        assertParameterGradients("cross-attention fusion", model: fusion, gradients: gradients) { loss($0, self.text, self.image) }
    }

    func testConcatFusionGradients() {
        var fusion = ConcatFusion(hiddenSize: Self.hiddenSize, imageSize: Self.imageSize, layerNormEps: 1e-5, seed: 3,
                                  dropoutProbability: 0.2)
        Self.randomize(&fusion, seed: 4)
        let seed: UInt64 = 8
        let loss = { (model: ConcatFusion, text: Tensor, image: Tensor) -> Double in
            GradientCheck.weightedSum(model.forward(text: text, textMask: Self.textMask, image: image, hasImage: Self.hasImage,
                                                    dropoutSeed: seed).output, self.weights)
        }
        let (output, cache) = fusion.forward(text: text, textMask: Self.textMask, image: image, hasImage: Self.hasImage,
                                             dropoutSeed: seed)
        var gradients = fusion.zeroGradients()
        let (dText, dImage) = fusion.backward(weights, cache: cache, gradients: &gradients)

        assertTextOnlyPost(output: output, dText: dText, dImage: dImage)
        // Only the global feature E_t0 (each image's first token) is used.
        for b in 0..<Self.batch {
            for token in 1..<Self.imageTokens {
                for j in 0..<Self.imageSize { XCTAssertEqual(dImage[b, token, j], 0) }
            }
        }
        assertGradient("concat fusion text", analytic: dText, at: text) { loss(fusion, $0, self.image) }
        assertGradient("concat fusion image", analytic: dImage, at: image) { loss(fusion, self.text, $0) }
        XCTAssertEqual(fusion.parameters.map(\.name), ["image_projection.weight", "image_projection.bias",
                                                       "combine.weight", "combine.bias", "norm.weight", "norm.bias"])
        assertParameterGradients("concat fusion", model: fusion, gradients: gradients) { loss($0, self.text, self.image) }
    }

    /// τ divides every attention's logits: another τ gives another output for the posts with an
    /// image, and the same for the post without one.
    func testTemperatureChangesTheImagePostsOnly() {
        let outputs = [0.5, 1.0, 4.0].map { (temperature: Float) in
            Self.crossAttention(temperature: temperature, dropout: 0)
                .forward(text: text, textMask: Self.textMask, image: image, hasImage: Self.hasImage, dropoutSeed: nil).output
        }
        for (a, b) in [(0, 1), (1, 2)] {
            for post in 0..<Self.batch {
                let difference = Slice.forward(outputs[a], axis: 0, range: post..<(post + 1))
                    .maxAbsoluteDifference(Slice.forward(outputs[b], axis: 0, range: post..<(post + 1)))
                if Self.hasImage[post] {
                    XCTAssertGreaterThan(difference, 1e-2, "post \(post): τ made no difference")
                } else {
                    XCTAssertEqual(difference, 0, "post \(post) without an image depends on τ")
                }
            }
        }
    }

    /// Padded text tokens are masked where the text is the key side, so they cannot change any
    /// real token's output (they only change their own, unused, rows).
    func testPaddedTextDoesNotReachRealTokens() {
        let fusion = Self.crossAttention(temperature: 1, dropout: 0)
        var changed = text
        for row in Self.textMask.indices where Self.textMask[row] == 0 {
            for j in 0..<Self.hiddenSize { changed[row / Self.length, row % Self.length, j] += 3 }
        }
        let before = fusion.forward(text: text, textMask: Self.textMask, image: image, hasImage: Self.hasImage, dropoutSeed: nil).output
        let after = fusion.forward(text: changed, textMask: Self.textMask, image: image, hasImage: Self.hasImage, dropoutSeed: nil).output
        var changedPadded = false
        for row in Self.textMask.indices {
            let (b, t) = (row / Self.length, row % Self.length)
            let difference = (0..<Self.hiddenSize).map { abs(before[b, t, $0] - after[b, t, $0]) }.max()!
            if Self.textMask[row] == 1 {
                XCTAssertEqual(difference, 0, "real token \(row) changed with the padding")
            } else if difference > 0 {
                changedPadded = true
            }
        }
        XCTAssertTrue(changedPadded, "the padding was not changed at all")
    }

    func testParameterNamesAndInitialGate() {
        let fusion = CrossAttentionFusion(hiddenSize: 8, imageSize: 6, heads: 2, temperature: 1, dropoutProbability: 0.1,
                                          layerNormEps: 1e-5, seed: 1)
        let names = fusion.parameters.map(\.name)
        XCTAssertEqual(names.filter { $0.hasPrefix("image_to_text.") },
                       ["q_proj", "k_proj", "v_proj", "out_proj"].flatMap { ["image_to_text.\($0).weight", "image_to_text.\($0).bias"] })
        for prefix in ["image_projection.", "text_to_image.", "second_hop.", "fuse.", "gate.", "norm."] {
            XCTAssertTrue(names.contains { $0.hasPrefix(prefix) }, "no \(prefix)* parameter")
        }
        XCTAssertEqual(fusion.gate.bias, Tensor(shape: [8], repeating: CrossAttentionFusion.initialGateBias))
        XCTAssertEqual(fusion.gate.weight.shape, [8, 24])
        XCTAssertEqual(fusion.fuse.weight.shape, [8, 16])
        XCTAssertEqual(fusion.imageProjection.weight.shape, [8, 6])
    }

    func testNoImageAtAllIsTheTextPath() {
        let fusion = Self.crossAttention(temperature: 1, dropout: 0.2)
        let (output, cache) = fusion.forward(text: text, textMask: Self.textMask, image: image, hasImage: [false, false, false],
                                             dropoutSeed: 1)
        XCTAssertEqual(output, text)
        var gradients = fusion.zeroGradients()
        let (dText, dImage) = fusion.backward(weights, cache: cache, gradients: &gradients)
        XCTAssertEqual(dText, weights)
        XCTAssertEqual(dImage, Tensor(zeros: image.shape))
        for parameter in gradients.parameters {
            let gradient = gradients[keyPath: parameter.path]
            XCTAssertEqual(gradient, Tensor(zeros: gradient.shape), parameter.name)
        }
    }

    // MARK: - Helpers

    /// The post without an image: output = its text rows, d text = its output gradient, d image = 0, all exactly.
    private func assertTextOnlyPost(output: Tensor, dText: Tensor, dImage: Tensor, file: StaticString = #filePath, line: UInt = #line) {
        for post in 0..<Self.batch where !Self.hasImage[post] {
            let rows = post..<(post + 1)
            XCTAssertEqual(Slice.forward(output, axis: 0, range: rows), Slice.forward(text, axis: 0, range: rows), file: file, line: line)
            XCTAssertEqual(Slice.forward(dText, axis: 0, range: rows), Slice.forward(weights, axis: 0, range: rows), file: file, line: line)
            XCTAssertEqual(Slice.forward(dImage, axis: 0, range: rows), Tensor(zeros: [1, Self.imageTokens, Self.imageSize]),
                           file: file, line: line)
        }
    }

    /// A fusion whose every parameter is random and of order 1, so each path carries a visible gradient.
    private static func crossAttention(temperature: Float, dropout: Float) -> CrossAttentionFusion {
        var fusion = CrossAttentionFusion(hiddenSize: hiddenSize, imageSize: imageSize, heads: 2, temperature: temperature,
                                          dropoutProbability: dropout, layerNormEps: 1e-5, seed: 1)
        randomize(&fusion, seed: 2)
        return fusion
    }

    private static func randomize<Group: ParameterGroup>(_ group: inout Group, seed: UInt64) {
        for (index, parameter) in group.parameters.enumerated() {
            let shape = group[keyPath: parameter.path].shape
            var value = randomTensor(shape, seed: seed &+ UInt64(index), scale: 0.5)
            // LayerNorm's γ around 1, as trained ones are.
            if parameter.name == "norm.weight" { value += Tensor(shape: shape, repeating: 1) }
            group[keyPath: parameter.path] = value
        }
    }
}
