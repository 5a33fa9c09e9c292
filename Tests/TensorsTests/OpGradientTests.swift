import GradientTestSupport
import Tensors
import XCTest

/// Every op's backward against central differences of `L = Σ w ⊙ forward(x)` (relative error < 1e-2).
final class OpGradientTests: XCTestCase {
    private let sum = GradientCheck.weightedSum

    func testMatMul() {
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            // A shared (rank-2) operand is broadcast over the batch and its gradient sums over it.
            for (sharedA, sharedB) in [(false, false), (false, true), (true, false)] {
                let (m, k, n) = (3, 4, 2)
                let a = randomTensor((sharedA ? [] : [2]) + (transposeA ? [k, m] : [m, k]), seed: 1)
                let b = randomTensor((sharedB ? [] : [2]) + (transposeB ? [n, k] : [k, n]), seed: 2)
                let w = randomTensor([2, m, n], seed: 3)
                let (da, db) = MatMul.backward(w, a, b, transposeA: transposeA, transposeB: transposeB)
                let label = "matmul tA=\(transposeA) tB=\(transposeB) sharedA=\(sharedA) sharedB=\(sharedB)"
                assertGradient("\(label) A", analytic: da, at: a) {
                    sum(MatMul.forward($0, b, transposeA: transposeA, transposeB: transposeB), w)
                }
                assertGradient("\(label) B", analytic: db, at: b) {
                    sum(MatMul.forward(a, $0, transposeA: transposeA, transposeB: transposeB), w)
                }
            }
        }
    }

    func testLinear() {
        let x = randomTensor([2, 3, 4], seed: 4)
        let layer = Linear(weight: randomTensor([5, 4], seed: 5), bias: randomTensor([5], seed: 6))
        let w = randomTensor([2, 3, 5], seed: 7)
        var gradients = layer.zeroGradients()
        let dx = layer.backward(w, input: x, gradients: &gradients)
        assertGradient("linear x", analytic: dx, at: x) { sum(layer.forward($0), w) }
        assertParameterGradients("linear", model: layer, gradients: gradients) { sum($0.forward(x), w) }
    }

    func testAddMultiplyBiasAdd() {
        let a = randomTensor([3, 4], seed: 8), b = randomTensor([3, 4], seed: 9), w = randomTensor([3, 4], seed: 10)
        let bias = randomTensor([4], seed: 11)
        let (dAddA, dAddB) = Add.backward(w)
        assertGradient("add a", analytic: dAddA, at: a) { sum(Add.forward($0, b), w) }
        assertGradient("add b", analytic: dAddB, at: b) { sum(Add.forward(a, $0), w) }
        let (dMulA, dMulB) = Multiply.backward(w, a, b)
        assertGradient("multiply a", analytic: dMulA, at: a) { sum(Multiply.forward($0, b), w) }
        assertGradient("multiply b", analytic: dMulB, at: b) { sum(Multiply.forward(a, $0), w) }
        let (dX, dBias) = BiasAdd.backward(w)
        assertGradient("bias add x", analytic: dX, at: a) { sum(BiasAdd.forward($0, bias), w) }
        assertGradient("bias add bias", analytic: dBias, at: bias) { sum(BiasAdd.forward(a, $0), w) }
    }

    func testTransposeSliceConcat() {
        let x = randomTensor([2, 3, 4], seed: 12)
        let wT = randomTensor([2, 4, 3], seed: 13)
        assertGradient("transpose", analytic: Transpose.backward(wT), at: x) { sum(Transpose.forward($0), wT) }
        let wS = randomTensor([2, 2, 4], seed: 14)
        assertGradient("slice", analytic: Slice.backward(wS, inputShape: x.shape, axis: 1, range: 1..<3), at: x) {
            sum(Slice.forward($0, axis: 1, range: 1..<3), wS)
        }
        let y = randomTensor([2, 1, 4], seed: 15), wC = randomTensor([2, 4, 4], seed: 16)
        let parts = Concat.backward(wC, sizes: [3, 1], axis: 1)
        assertGradient("concat first", analytic: parts[0], at: x) { sum(Concat.forward([$0, y], axis: 1), wC) }
        assertGradient("concat second", analytic: parts[1], at: y) { sum(Concat.forward([x, $0], axis: 1), wC) }
    }

    func testEmbeddingScatterAddsRepeatedIds() {
        let table = Embedding(weight: randomTensor([5, 3], seed: 17))
        let ids = [4, 1, 4, 0, 4]
        let w = randomTensor([5, 3], seed: 18)
        var gradients = table.zeroGradients()
        table.backward(w, ids: ids, gradients: &gradients)
        assertParameterGradients("embedding", model: table, gradients: gradients) { sum($0.forward(ids), w) }
        XCTAssertEqual(gradients.weight[2, 0], 0, "an unused row gets no gradient")
    }

    func testSoftmaxWithTemperatureAndMask() {
        let x = randomTensor([2, 3, 5], seed: 19, scale: 2)
        let mask = Tensor(shape: [2, 5], values: [0, 0, 0, 0, 0, 0, 0, 0, -.infinity, -.infinity])
        let w = randomTensor([2, 3, 5], seed: 20)
        let y = Softmax.forward(x, temperature: 2, mask: mask)
        let dx = Softmax.backward(w, output: y, temperature: 2)
        assertGradient("softmax", analytic: dx, at: x) { sum(Softmax.forward($0, temperature: 2, mask: mask), w) }
        XCTAssertEqual(dx[1, 2, 4], 0, "masked logits get no gradient")
    }

    func testLogSumExp() {
        let x = randomTensor([3, 6], seed: 21, scale: 3)
        let w = randomTensor([3], seed: 22)
        let dx = LogSumExp.backward(w, input: x, output: LogSumExp.forward(x))
        assertGradient("logsumexp", analytic: dx, at: x) { sum(LogSumExp.forward($0), w) }
    }

    func testLayerNorm() {
        let x = randomTensor([4, 6], seed: 23, scale: 2)
        let norm = LayerNorm(weight: randomTensor([6], seed: 24), bias: randomTensor([6], seed: 25), epsilon: 1e-5)
        let w = randomTensor([4, 6], seed: 26)
        let (_, cache) = norm.forward(x)
        var gradients = norm.zeroGradients()
        let dx = norm.backward(w, input: x, cache: cache, gradients: &gradients)
        assertGradient("layernorm x", analytic: dx, at: x) { sum(norm.forward($0).output, w) }
        assertParameterGradients("layernorm", model: norm, gradients: gradients) { sum($0.forward(x).output, w) }
    }

    func testActivations() {
        let x = randomTensor([40], seed: 27, scale: 2)
        let w = randomTensor([40], seed: 28)
        for activation in Activation.allCases {
            assertGradient("activation \(activation.rawValue)", analytic: activation.backward(w, input: x), at: x) {
                sum(activation.forward($0), w)
            }
        }
    }

    func testDropout() {
        let x = randomTensor([50], seed: 29)
        let w = randomTensor([50], seed: 30)
        let mask = Dropout.mask(shape: [50], probability: 0.3, seed: 31)
        assertGradient("dropout", analytic: Dropout.backward(w, mask: mask), at: x) { sum(Dropout.forward($0, mask: mask), w) }
    }

    func testAttentionWithMaskTemperatureAndDropout() {
        let (batch, queries, keys, width, heads) = (2, 3, 5, 8, 2)
        let q = randomTensor([batch, queries, width], seed: 32)
        let k = randomTensor([batch, keys, width], seed: 33)
        let v = randomTensor([batch, keys, width], seed: 34)
        let mask = Attention.additiveMask(Tensor(shape: [batch, keys], values: [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]))
        let dropout = Dropout.mask(shape: [batch, heads, queries, keys], probability: 0.2, seed: 35)
        let w = randomTensor([batch, queries, width], seed: 36)
        func output(_ q: Tensor, _ k: Tensor, _ v: Tensor) -> Tensor {
            Attention.forward(query: q, key: k, value: v, heads: heads, temperature: 2, keyMask: mask, dropoutMask: dropout).output
        }
        let cache = Attention.forward(query: q, key: k, value: v, heads: heads, temperature: 2, keyMask: mask,
                                      dropoutMask: dropout).cache
        let (dq, dk, dv) = Attention.backward(w, query: q, key: k, value: v, heads: heads, temperature: 2, cache: cache)
        assertGradient("attention q", analytic: dq, at: q) { sum(output($0, k, v), w) }
        assertGradient("attention k", analytic: dk, at: k) { sum(output(q, $0, v), w) }
        assertGradient("attention v", analytic: dv, at: v) { sum(output(q, k, $0), w) }
        XCTAssertEqual(dk[1, 4, 0], 0, "padded keys get no gradient")
    }
}
