import GradientTestSupport
import Tensors
import XCTest

/// Layers' backward passes (input and every parameter) against central differences, with
/// padding masks and dropout on (a fixed seed makes the masks part of the function).
final class LayerGradientTests: XCTestCase {
    private let sum = GradientCheck.weightedSum

    private func attention(width: Int, heads: Int, dropout: Float, seed: UInt64) -> MultiHeadAttention {
        var initializer = WeightInitializer.normal(standardDeviation: 0.5, seed: seed)
        var layer = MultiHeadAttention(width: width, heads: heads, dropoutProbability: dropout, names: .bert,
                                       initializer: &initializer)
        // Non-zero biases, so a dropped bias gradient would show.
        for parameter in layer.parameters where parameter.name.hasSuffix("bias") {
            layer[keyPath: parameter.path] = randomTensor([width], seed: seed &+ 99, scale: 0.3)
        }
        return layer
    }

    func testSelfAttentionWithPaddingAndDropout() {
        let layer = attention(width: 8, heads: 2, dropout: 0.2, seed: 1)
        let x = randomTensor([2, 4, 8], seed: 2)
        let mask = Attention.additiveMask(Tensor(shape: [2, 4], values: [1, 1, 1, 1, 1, 1, 0, 0]))
        let w = randomTensor([2, 4, 8], seed: 3)
        let (_, cache) = layer.forward(x, keyMask: mask, dropoutSeed: 4)
        var gradients = layer.zeroGradients()
        let (dx, dContext) = layer.backward(w, cache: cache, gradients: &gradients)
        XCTAssertNil(dContext)
        // Softmax ignores a per-query constant, and q·b_k is one: the key bias gets no gradient.
        XCTAssertLessThan(gradients.key.bias!.maxAbsoluteDifference(Tensor(zeros: [8])), 1e-5)
        assertGradient("self-attention x", analytic: dx, at: x) {
            self.sum(layer.forward($0, keyMask: mask, dropoutSeed: 4).output, w)
        }
        assertParameterGradients("self-attention", model: layer, gradients: gradients) {
            self.sum($0.forward(x, keyMask: mask, dropoutSeed: 4).output, w)
        }
    }

    func testCrossAttentionWithTemperature() {
        let layer = attention(width: 8, heads: 4, dropout: 0, seed: 5)
        let x = randomTensor([2, 3, 8], seed: 6), context = randomTensor([2, 5, 8], seed: 7)
        let mask = Attention.additiveMask(Tensor(shape: [2, 5], values: [1, 1, 1, 0, 0, 1, 1, 1, 1, 1]))
        let w = randomTensor([2, 3, 8], seed: 8)
        let (_, cache) = layer.forward(x, context: context, keyMask: mask, temperature: 2)
        var gradients = layer.zeroGradients()
        let (dx, dContext) = layer.backward(w, cache: cache, gradients: &gradients)
        assertGradient("cross-attention queries", analytic: dx, at: x) {
            self.sum(layer.forward($0, context: context, keyMask: mask, temperature: 2).output, w)
        }
        assertGradient("cross-attention context", analytic: dContext!, at: context) {
            self.sum(layer.forward(x, context: $0, keyMask: mask, temperature: 2).output, w)
        }
        assertParameterGradients("cross-attention", model: layer, gradients: gradients) {
            self.sum($0.forward(x, context: context, keyMask: mask, temperature: 2).output, w)
        }
    }

    func testTransformerLayerWithPaddingAndDropout() {
        for activation in [Activation.gelu, .geluTanh] {
            var initializer = WeightInitializer.normal(standardDeviation: 0.5, seed: 9)
            var layer = TransformerLayer(width: 8, heads: 2, intermediateSize: 12, activation: activation, epsilon: 1e-12,
                                         dropoutProbability: 0.1, attentionDropoutProbability: 0.1, names: .bert,
                                         initializer: &initializer)
            // γ = 1 + 0.2·N(0, 1), as the fixtures draw it: not 1, so a swapped γ/β would show.
            layer.attentionNorm.weight = Add.forward(randomTensor([8], seed: 10, scale: 0.2), Tensor(shape: [8], repeating: 1))
            layer.outputNorm.bias = randomTensor([8], seed: 11, scale: 0.3)
            let x = randomTensor([2, 4, 8], seed: 12)
            let mask = Attention.additiveMask(Tensor(shape: [2, 4], values: [1, 1, 1, 1, 1, 1, 1, 0]))
            let w = randomTensor([2, 4, 8], seed: 13)
            let (_, cache) = layer.forward(x, keyMask: mask, dropoutSeed: 14)
            var gradients = layer.zeroGradients()
            let dx = layer.backward(w, cache: cache, gradients: &gradients)
            let label = "transformer layer (\(activation.rawValue))"
            assertGradient("\(label) x", analytic: dx, at: x) { self.sum(layer.forward($0, keyMask: mask, dropoutSeed: 14).output, w) }
            assertParameterGradients(label, model: layer, gradients: gradients, samples: 10) {
                self.sum($0.forward(x, keyMask: mask, dropoutSeed: 14).output, w)
            }
        }
    }

    func testTextEncodersBERTAndALBERT() {
        for family in [TextEncoder.Configuration.Family.bert, .albert] {
            let config = TextEncoder.Configuration(family: family, vocabSize: 11, hiddenSize: 8, layerCount: 3, headCount: 2,
                                                   intermediateSize: 12, maxPositionEmbeddings: 6, typeVocabSize: 2,
                                                   embeddingSize: 6, activation: family == .bert ? .gelu : .geluTanh,
                                                   layerNormEpsilon: 1e-12, initializerRange: 0.5)
            let model = TextEncoder(config: config, seed: 15)
            XCTAssertEqual(model.layers.count, family == .albert ? 1 : 3)
            let batch = TokenBatch(inputIds: [[2, 5, 5, 9, 3], [2, 7, 3, 0, 0]], attentionMask: [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]],
                                   tokenTypeIds: [[0, 0, 1, 1, 1], [0, 0, 0, 0, 0]])
            let added = randomTensor([2, 5, config.embeddingSize], seed: 16, scale: 0.5)
            let wHidden = randomTensor([2, 5, 8], seed: 17), wPooled = randomTensor([2, 8], seed: 18)
            func loss(_ model: TextEncoder, _ added: Tensor) -> Double {
                let output = model.forward(batch, addedEmbeddings: added, dropoutSeed: 19).output
                return sum(output.lastHiddenState, wHidden) + sum(output.pooled, wPooled)
            }
            let (_, cache) = model.forward(batch, addedEmbeddings: added, dropoutSeed: 19)
            var gradients = model.zeroGradients()
            let dAdded = model.backward(lastHiddenState: wHidden, pooled: wPooled, batch: batch, cache: cache,
                                        gradients: &gradients)
            assertGradient("\(family) encoder added embeddings", analytic: dAdded, at: added, epsilon: 3e-3) { loss(model, $0) }
            // ε = 3e-3: three layers of N(0, 0.5²) weights curve enough that ε = 1e-2 costs 5e-3 of
            // truncation error; the smaller step raises the float32 noise of vanishing gradients
            // (the key biases) to about 2e-3, hence the zero tolerance.
            assertParameterGradients("\(family) encoder", model: model, gradients: gradients, samples: 6, epsilon: 3e-3,
                                     zeroTolerance: 5e-3) { loss($0, added) }
        }
    }
}
