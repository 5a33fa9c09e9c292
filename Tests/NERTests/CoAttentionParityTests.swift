import Encoders
import Foundation
@testable import NER
import SharedTestPaths
import Tensors
import XCTest

/// The attentions ``CrossAttentionFusion`` composes against the torch reference
/// (`../shared/fixtures/coattention`, MODEL.md §3): image→text with the text key mask and
/// text→image, d = 32, 4 heads, τ = 2; outputs and probabilities within 1e-5, every gradient
/// within 1e-5, and the paper's literal single-head formula.
final class CoAttentionParityTests: XCTestCase {
    private struct Fixture {
        let tensors: NamedTensors
        let text: Tensor, image: Tensor
        /// `[B·L]`, 1 real token.
        let textMask: [Int]
        let temperature: Float, heads: Int

        init() throws {
            let directory = try SharedTestPaths.shared("fixtures/coattention")
            tensors = try NamedTensorsFile.read(directory.appendingPathComponent("coattention.safetensors"))
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("coattention.json")))
            let settings = try XCTUnwrap(json as? [String: Any])
            temperature = Float(try XCTUnwrap(settings["tau"] as? Double))
            heads = try XCTUnwrap(settings["heads"] as? Int)
            text = try Self.tensor(tensors, "text")
            image = try Self.tensor(tensors, "image")
            textMask = try Self.tensor(tensors, "text_mask").values.map { Int($0) }
        }

        func tensor(_ name: String) throws -> Tensor { try Self.tensor(tensors, name) }

        static func tensor(_ tensors: NamedTensors, _ name: String) throws -> Tensor {
            let entry = try XCTUnwrap(tensors[name], "no tensor \(name) in the coattention fixture")
            return Tensor(shape: entry.shape, values: entry.values)
        }

        /// A fusion of the fixture's width, heads and τ whose two first attentions carry the
        /// fixture's i2t and t2i weights (the fixture calls the output projection `o_proj`, the
        /// fusion CLIP's `out_proj`), and whose image projection is the identity, so the fusion's
        /// visual tokens are the fixture's image.
        func fusion() throws -> CrossAttentionFusion {
            let width = text.shape[2]
            var fusion = CrossAttentionFusion(hiddenSize: width, imageSize: image.shape[2], heads: heads,
                                              temperature: temperature, dropoutProbability: 0, layerNormEps: 1e-5, seed: 1)
            fusion.imageProjection = Linear(weight: Self.identity(width), bias: Tensor(zeros: [width]))
            try fusion.imageToText.load(renamed("i2t."))
            try fusion.textToImage.load(renamed("t2i."))
            return fusion
        }

        /// The weights under `prefix`, without it, `o_proj` renamed `out_proj`, gradients left out.
        private func renamed(_ prefix: String) -> NamedTensors {
            var result: NamedTensors = [:]
            for (name, entry) in tensors where name.hasPrefix(prefix) && name.contains("_proj.") && !name.hasSuffix(".grad") {
                result[String(name.dropFirst(prefix.count)).replacingOccurrences(of: "o_proj", with: "out_proj")] = entry
            }
            return result
        }

        static func identity(_ n: Int) -> Tensor {
            var eye = Tensor(zeros: [n, n])
            for i in 0..<n { eye[i, i] = 1 }
            return eye
        }
    }

    @discardableResult
    private func compare(_ got: Tensor, _ name: String, _ fixture: Fixture, tolerance: Float = 1e-5,
                         file: StaticString = #filePath, line: UInt = #line) throws -> Float {
        let want = try fixture.tensor(name)
        XCTAssertEqual(got.shape, want.shape, name, file: file, line: line)
        let difference = got.maxAbsoluteDifference(want)
        XCTAssertLessThanOrEqual(difference, tolerance, "\(name) max-abs \(difference)", file: file, line: line)
        print("coattention parity \(name): max-abs \(difference)")
        return difference
    }

    /// Rows of `x` `[B, L, n]` at padded text positions are all exactly zero.
    private func assertPaddedRowsZero(_ x: Tensor, mask: [Int], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let n = x.shape[2]
        let padded = mask.indices.filter { mask[$0] == 0 }
        XCTAssertFalse(padded.isEmpty, "the fixture has padding", file: file, line: line)
        for row in padded {
            XCTAssertTrue(x.values[(row * n)..<((row + 1) * n)].allSatisfy { $0 == 0 }, "\(label): padded row \(row) has a gradient",
                          file: file, line: line)
        }
    }

    private func keyMask(_ fixture: Fixture) -> Tensor {
        Attention.additiveMask(Tensor(shape: [fixture.text.shape[0], fixture.text.shape[1]], values: fixture.textMask.map(Float.init)))
    }

    func testImageToTextOutputProbabilitiesAndGradients() throws {
        let fixture = try Fixture()
        let fusion = try fixture.fusion()
        let attention = fusion.imageToText
        let (a, cache) = attention.forward(fixture.image, context: fixture.text, keyMask: keyMask(fixture),
                                           temperature: fusion.temperature)
        try compare(a, "i2t.output", fixture)
        // The probabilities the layer mixes with: the same projections through ``Attention``.
        let probabilities = Attention.forward(query: attention.query.forward(fixture.image), key: attention.key.forward(fixture.text),
                                              value: attention.value.forward(fixture.text), heads: attention.heads,
                                              temperature: fusion.temperature, keyMask: keyMask(fixture)).cache.probabilities
        try compare(probabilities, "i2t.probs", fixture)

        // L = Σ A²: dA = 2A.
        var gradients = attention.zeroGradients()
        let (dImage, dText) = attention.backward(Multiply.forward(a, Tensor(shape: a.shape, repeating: 2)), cache: cache,
                                                 gradients: &gradients)
        try compare(dImage, "i2t.grad.image", fixture)
        try compare(try XCTUnwrap(dText), "i2t.grad.text", fixture)
        assertPaddedRowsZero(try XCTUnwrap(dText), mask: fixture.textMask, "i2t text gradient")
        try compareParameterGradients(gradients, prefix: "i2t.", fixture)
    }

    func testTextToImageOutputProbabilitiesAndGradients() throws {
        let fixture = try Fixture()
        let fusion = try fixture.fusion()
        let attention = fusion.textToImage
        let (c, cache) = attention.forward(fixture.text, context: fixture.image, temperature: fusion.temperature)
        try compare(c, "t2i.output", fixture)
        let probabilities = Attention.forward(query: attention.query.forward(fixture.text), key: attention.key.forward(fixture.image),
                                              value: attention.value.forward(fixture.image), heads: attention.heads,
                                              temperature: fusion.temperature).cache.probabilities
        try compare(probabilities, "t2i.probs", fixture)

        // L = Σ (C ⊙ mask)²: dC = 2C at real rows, 0 at padded ones.
        let rowMask = Tensor(shape: c.shape, values: fixture.textMask.flatMap { Array(repeating: Float($0) * 2, count: c.shape[2]) })
        var gradients = attention.zeroGradients()
        let (dText, dImage) = attention.backward(Multiply.forward(c, rowMask), cache: cache, gradients: &gradients)
        try compare(dText, "t2i.grad.text", fixture)
        try compare(try XCTUnwrap(dImage), "t2i.grad.image", fixture)
        assertPaddedRowsZero(dText, mask: fixture.textMask, "t2i text gradient")
        try compareParameterGradients(gradients, prefix: "t2i.", fixture)
    }

    /// The whole fusion forward uses these attentions as the fixture does: with the identity image
    /// projection its C (the first half of [C ; C2]) is the fixture's t2i output.
    func testFusionComposesTheReferenceAttention() throws {
        let fixture = try Fixture()
        let fusion = try fixture.fusion()
        let batch = fixture.text.shape[0], width = fixture.text.shape[2]
        let (_, cache) = fusion.forward(text: fixture.text, textMask: fixture.textMask, image: fixture.image,
                                        hasImage: Array(repeating: true, count: batch), dropoutSeed: nil)
        let fuseInput = try XCTUnwrap(cache.fused).fuseInput
        try compare(Slice.forward(fuseInput, axis: 2, range: 0..<width), "t2i.output", fixture)
    }

    func testPaperSingleHeadFormula() throws {
        let fixture = try Fixture()
        let width = fixture.text.shape[2]
        func projection(_ name: String) throws -> Linear { Linear(weight: try fixture.tensor("paper1h.\(name)"), bias: nil) }
        // No output projection: the identity, which float32 applies exactly.
        let attention = MultiHeadAttention(query: try projection("Wq"), key: try projection("Wk"), value: try projection("Wv"),
                                           output: Linear(weight: Fixture.identity(width), bias: nil), heads: 1, names: .clip)
        let (e, cache) = attention.forward(fixture.image, context: fixture.text, keyMask: keyMask(fixture),
                                           temperature: fixture.temperature)
        try compare(e, "paper1h.output", fixture)
        var gradients = attention.zeroGradients()
        let (dImage, dText) = attention.backward(Multiply.forward(e, Tensor(shape: e.shape, repeating: 2)), cache: cache,
                                                 gradients: &gradients)
        try compare(dImage, "paper1h.grad.image", fixture)
        try compare(try XCTUnwrap(dText), "paper1h.grad.text", fixture)
        assertPaddedRowsZero(try XCTUnwrap(dText), mask: fixture.textMask, "paper1h text gradient")
    }

    /// Every projection's weight and bias gradient against `<prefix><q|k|v|o>_proj.<weight|bias>.grad`.
    private func compareParameterGradients(_ gradients: MultiHeadAttention, prefix: String, _ fixture: Fixture) throws {
        XCTAssertEqual(gradients.parameters.count, 8)
        for parameter in gradients.parameters {
            let name = prefix + parameter.name.replacingOccurrences(of: "out_proj", with: "o_proj") + ".grad"
            try compare(gradients[keyPath: parameter.path], name, fixture)
        }
    }
}
