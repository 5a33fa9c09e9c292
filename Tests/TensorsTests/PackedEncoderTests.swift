import GradientTestSupport
import XCTest
@testable import Tensors

/// The packed encoder (real tokens only) against the padded one on variable-length rows.
final class PackedEncoderTests: XCTestCase {
    private let lengths = [7, 3, 1, 5]

    private func batch(length: Int) -> TokenBatch {
        var ids: [[Int]] = [], mask: [[Int]] = [], types: [[Int]] = []
        for (b, real) in lengths.enumerated() {
            ids.append((0..<length).map { $0 < real ? 1 + (b * 7 + $0 * 3) % 19 : 0 })
            mask.append((0..<length).map { $0 < real ? 1 : 0 })
            types.append((0..<length).map { $0 < real && $0 >= real / 2 ? 1 : 0 })
        }
        return TokenBatch(inputIds: ids, attentionMask: mask, tokenTypeIds: types)
    }

    private func realMask(_ batch: TokenBatch, width: Int) -> Tensor {
        Tensor(shape: [batch.size, batch.length, width],
               values: batch.attentionMask.flatMap { [Float](repeating: Float($0), count: width) })
    }

    func testPackedMatchesPaddedForwardAndBackward() {
        for family in [TextEncoder.Configuration.Family.bert, .albert] {
            let config = TextEncoder.Configuration(family: family, vocabSize: 20, hiddenSize: 16, layerCount: 3, headCount: 4,
                                                   intermediateSize: 24, maxPositionEmbeddings: 10, typeVocabSize: 2,
                                                   embeddingSize: family == .albert ? 12 : 16, activation: .gelu,
                                                   layerNormEpsilon: 1e-12, initializerRange: 0.3)
            let model = TextEncoder(config: config, seed: 21)
            let batch = batch(length: 7)
            let h = config.hiddenSize
            let keep = realMask(batch, width: h)
            let added = randomTensor([batch.size, batch.length, config.embeddingSize], seed: 22, scale: 0.5)
            let (padded, paddedCache) = model.forward(batch, addedEmbeddings: added)
            let (packed, packedCache) = model.forward(batch, addedEmbeddings: added, packed: true)
            XCTAssertEqual(packed.packedLastHiddenState.shape, [lengths.reduce(0, +), h])
            for (p, q) in zip(padded.hiddenStates, packed.hiddenStates) {
                XCTAssertLessThanOrEqual(Multiply.forward(p, keep).maxAbsoluteDifference(q), 1e-5, "\(family) hidden states")
                XCTAssertEqual(Multiply.forward(q, keep), q, "\(family): packed padding is zero")
            }
            XCTAssertLessThanOrEqual(padded.pooled.maxAbsoluteDifference(packed.pooled), 1e-5, "\(family) pooled")

            // Gradients: the loss reads real positions only (padded positions' hidden states differ by design).
            let dLast = Multiply.forward(randomTensor([batch.size, batch.length, h], seed: 23), keep)
            let dPooled = randomTensor([batch.size, h], seed: 24)
            var paddedGradients = model.zeroGradients(), packedGradients = model.zeroGradients()
            let dAddedPadded = model.backward(lastHiddenState: dLast, pooled: dPooled, batch: batch, cache: paddedCache,
                                              gradients: &paddedGradients)
            let dAddedPacked = model.backward(lastHiddenState: dLast, pooled: dPooled, batch: batch, cache: packedCache,
                                              gradients: &packedGradients)
            func scale(_ t: Tensor) -> Float { max(1, t.values.map(abs).max() ?? 0) }
            XCTAssertLessThanOrEqual(dAddedPadded.maxAbsoluteDifference(dAddedPacked) / scale(dAddedPadded), 1e-5,
                                     "\(family) added embeddings gradient")
            var worst: Float = 0
            for parameter in model.parameters {
                let (a, b) = (paddedGradients[keyPath: parameter.path], packedGradients[keyPath: parameter.path])
                let difference = a.maxAbsoluteDifference(b) / scale(a)
                XCTAssertLessThanOrEqual(difference, 1e-5, "\(family) gradient of \(parameter.name)")
                worst = max(worst, difference)
            }
            // Packed gradient given directly as [N, hidden].
            var direct = model.zeroGradients()
            model.backward(lastHiddenState: packedCache.packing!.gather(dLast), pooled: dPooled, batch: batch,
                           cache: packedCache, gradients: &direct)
            for parameter in model.parameters {
                XCTAssertEqual(direct[keyPath: parameter.path], packedGradients[keyPath: parameter.path], parameter.name)
            }
            print("\(family): worst relative parameter-gradient difference packed vs padded \(worst)")
        }
    }

    /// Inference keeps no backward caches but computes exactly what a forward pass without dropout does.
    func testInferenceGivesTheForwardPassOutput() {
        let config = TextEncoder.Configuration(family: .bert, vocabSize: 20, hiddenSize: 16, layerCount: 3, headCount: 4,
                                               intermediateSize: 24, maxPositionEmbeddings: 10, typeVocabSize: 2,
                                               embeddingSize: 16, activation: .gelu, layerNormEpsilon: 1e-12, initializerRange: 0.3)
        let model = TextEncoder(config: config, seed: 21)
        let batch = batch(length: 7)
        let added = randomTensor([batch.size, batch.length, config.embeddingSize], seed: 22, scale: 0.5)
        for packed in [false, true] {
            let forward = model.forward(batch, addedEmbeddings: added, packed: packed).output
            let inferred = model.infer(batch, addedEmbeddings: added, packed: packed)
            XCTAssertEqual(inferred.hiddenStates, forward.hiddenStates, "packed: \(packed)")
            XCTAssertEqual(inferred.pooled, forward.pooled, "packed: \(packed)")
        }
    }

    func testPackedTrainingWithDropoutRuns() {
        let config = TextEncoder.Configuration(family: .bert, vocabSize: 20, hiddenSize: 16, layerCount: 2, headCount: 4,
                                               intermediateSize: 24, maxPositionEmbeddings: 10, typeVocabSize: 2,
                                               embeddingSize: 16, activation: .gelu, layerNormEpsilon: 1e-12,
                                               hiddenDropoutProbability: 0.1, attentionDropoutProbability: 0.1,
                                               initializerRange: 0.3)
        let model = TextEncoder(config: config, seed: 25)
        let batch = batch(length: 8)
        let (output, cache) = model.forward(batch, dropoutSeed: 3, packed: true)
        XCTAssertTrue(output.packedLastHiddenState.values.allSatisfy { $0.isFinite })
        var gradients = model.zeroGradients()
        let dLast = randomTensor(output.packedLastHiddenState.shape, seed: 26)
        let dAdded = model.backward(lastHiddenState: dLast, pooled: nil, batch: batch, cache: cache, gradients: &gradients)
        XCTAssertEqual(dAdded.shape, [batch.size, batch.length, 16])
        XCTAssertTrue(gradients.layers[0].attention.query.weight.values.allSatisfy { $0.isFinite })
    }

    /// Packed attention (with a dropout mask) equals the padded kernel run on each sequence alone.
    func testPackedAttentionMatchesPerSequenceAttentionWithDropout() {
        let (heads, width) = (3, 12)
        let lengths = [5, 1, 4, 7, 2, 6]
        let n = lengths.reduce(0, +), scoreCount = lengths.reduce(0) { $0 + heads * $1 * $1 }
        let q = randomTensor([n, width], seed: 31), k = randomTensor([n, width], seed: 32), v = randomTensor([n, width], seed: 33)
        let mask = Dropout.mask(shape: [scoreCount], probability: 0.2, seed: 34)
        let dOut = randomTensor([n, width], seed: 35)
        let (out, cache) = Attention.forward(query: q, key: k, value: v, heads: heads, lengths: lengths, temperature: 0.7,
                                             dropoutMask: mask)
        let (dq, dk, dv) = Attention.backward(dOut, query: q, key: k, value: v, heads: heads, lengths: lengths,
                                              temperature: 0.7, cache: cache)
        var row = 0, score = 0
        func rows(_ t: Tensor, _ length: Int) -> Tensor {
            Tensor(shape: [1, length, width], values: Array(t.values[(row * width)..<((row + length) * width)]))
        }
        for length in lengths {
            let block = heads * length * length
            let blockMask = Tensor(shape: [1, heads, length, length], values: Array(mask.values[score..<(score + block)]))
            let (expected, expectedCache) = Attention.forward(query: rows(q, length), key: rows(k, length), value: rows(v, length),
                                                              heads: heads, temperature: 0.7, dropoutMask: blockMask)
            let grads = Attention.backward(rows(dOut, length), query: rows(q, length), key: rows(k, length), value: rows(v, length),
                                           heads: heads, temperature: 0.7, cache: expectedCache)
            XCTAssertLessThanOrEqual(rows(out, length).maxAbsoluteDifference(expected), 1e-5)
            XCTAssertLessThanOrEqual(rows(dq, length).maxAbsoluteDifference(grads.query), 1e-5)
            XCTAssertLessThanOrEqual(rows(dk, length).maxAbsoluteDifference(grads.key), 1e-5)
            XCTAssertLessThanOrEqual(rows(dv, length).maxAbsoluteDifference(grads.value), 1e-5)
            row += length
            score += block
        }
    }
}
