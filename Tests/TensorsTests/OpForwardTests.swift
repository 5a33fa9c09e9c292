import GradientTestSupport
import Foundation
import Tensors
import XCTest

/// Forward values of each op against plain float64 loops or known values.
final class OpForwardTests: XCTestCase {
    /// `op(A)·op(B)` for one matrix pair, in double.
    private func naiveProduct(_ a: [Float], _ aShape: (Int, Int), _ transposeA: Bool,
                              _ b: [Float], _ bShape: (Int, Int), _ transposeB: Bool) -> [Double] {
        let (m, k) = transposeA ? (aShape.1, aShape.0) : aShape
        let n = transposeB ? bShape.0 : bShape.1
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                for p in 0..<k {
                    let x = transposeA ? a[p * aShape.1 + i] : a[i * aShape.1 + p]
                    let y = transposeB ? b[j * bShape.1 + p] : b[p * bShape.1 + j]
                    c[i * n + j] += Double(x) * Double(y)
                }
            }
        }
        return c
    }

    private func assertClose(_ got: [Float], _ want: [Double], tolerance: Double = 1e-5,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, file: file, line: line)
        let worst = zip(got, want).map { abs(Double($0) - $1) }.max() ?? 0
        XCTAssertLessThan(worst, tolerance, file: file, line: line)
    }

    func testMatMulAllTransposesBatchedAndShared() {
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let (m, k, n) = (3, 4, 5)
            let aShape = transposeA ? (k, m) : (m, k), bShape = transposeB ? (n, k) : (k, n)
            let a = randomTensor([2, aShape.0, aShape.1], seed: 1)
            let b = randomTensor([2, bShape.0, bShape.1], seed: 2)
            let shared = randomTensor([bShape.0, bShape.1], seed: 3)
            let c = MatMul.forward(a, b, transposeA: transposeA, transposeB: transposeB)
            let cShared = MatMul.forward(a, shared, transposeA: transposeA, transposeB: transposeB)
            XCTAssertEqual(c.shape, [2, m, n])
            for i in 0..<2 {
                let aI = Array(a.values[(i * m * k)..<((i + 1) * m * k)]), bI = Array(b.values[(i * k * n)..<((i + 1) * k * n)])
                assertClose(Array(c.values[(i * m * n)..<((i + 1) * m * n)]),
                            naiveProduct(aI, aShape, transposeA, bI, bShape, transposeB))
                assertClose(Array(cShared.values[(i * m * n)..<((i + 1) * m * n)]),
                            naiveProduct(aI, aShape, transposeA, shared.values, bShape, transposeB))
            }
        }
    }

    func testLinearIsXWTransposedPlusBias() {
        let x = randomTensor([2, 3, 4], seed: 4)
        let layer = Linear(weight: randomTensor([5, 4], seed: 5), bias: randomTensor([5], seed: 6))
        let y = layer.forward(x)
        XCTAssertEqual(y.shape, [2, 3, 5])
        var want = naiveProduct(x.values, (6, 4), false, layer.weight.values, (5, 4), true)
        for i in want.indices { want[i] += Double(layer.bias!.values[i % 5]) }
        assertClose(y.values, want)
    }

    func testSoftmaxTemperatureMaskAndFullyMaskedRow() {
        let x = Tensor(shape: [2, 2, 3], values: [1, 2, 3, 0, 0, 0, 5, -1, 2, 1, 1, 1])
        let mask = Tensor(shape: [2, 3], values: [0, 0, -.infinity, -.infinity, -.infinity, -.infinity])
        let y = Softmax.forward(x, temperature: 2, mask: mask)
        let e1 = exp(0.5), e2 = exp(1.0)
        assertClose(Array(y.values[0..<3]), [e1 / (e1 + e2), e2 / (e1 + e2), 0], tolerance: 1e-6)
        assertClose(Array(y.values[3..<6]), [0.5, 0.5, 0], tolerance: 1e-6)
        XCTAssertEqual(y.values[2], 0, "a masked key gets probability exactly 0")
        XCTAssertEqual(Array(y.values[6...]), [Float](repeating: 0, count: 6), "fully masked rows are zeros, not NaN")
        let plain = Softmax.forward(Tensor(shape: [1, 2], values: [1000, 1001]))
        assertClose(plain.values, [1 / (1 + exp(1.0)), exp(1.0) / (1 + exp(1.0))], tolerance: 1e-6)
    }

    func testLogSumExpIsStable() {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 1000, 1000, 1000])
        let y = LogSumExp.forward(x)
        XCTAssertEqual(y.shape, [2])
        assertClose(y.values, [log(exp(1.0) + exp(2.0) + exp(3.0)), 1000 + log(3.0)], tolerance: 1e-4)
    }

    func testLayerNormMatchesDoubleReferenceWithBiasedVariance() {
        let x = randomTensor([3, 7], seed: 7, scale: 3)
        let norm = LayerNorm(weight: randomTensor([7], seed: 8), bias: randomTensor([7], seed: 9), epsilon: 1e-5)
        let y = norm.forward(x).output
        var want: [Double] = []
        for row in 0..<3 {
            let values = x.values[(row * 7)..<(row * 7 + 7)].map(Double.init)
            let mean = values.reduce(0, +) / 7
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 7
            for j in 0..<7 {
                want.append((values[j] - mean) / (variance + 1e-5).squareRoot() * Double(norm.weight.values[j])
                            + Double(norm.bias.values[j]))
            }
        }
        assertClose(y.values, want, tolerance: 1e-5)
    }

    func testActivationsAtKnownPoints() {
        let x = Tensor(shape: [3], values: [-1, 0.5, 2])
        func expect(_ activation: Activation, _ f: (Double) -> Double) {
            assertClose(activation.forward(x).values, x.values.map { f(Double($0)) }, tolerance: 1e-6)
        }
        expect(.gelu) { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
        expect(.geluTanh) { 0.5 * $0 * (1 + tanh((2 / Double.pi).squareRoot() * ($0 + 0.044715 * $0 * $0 * $0))) }
        expect(.quickGelu) { $0 / (1 + exp(-1.702 * $0)) }
        expect(.tanh) { tanh($0) }
        expect(.sigmoid) { 1 / (1 + exp(-$0)) }
        XCTAssertEqual(Activation(configName: "gelu"), .gelu)
        XCTAssertEqual(Activation(configName: "gelu_new"), .geluTanh)
        XCTAssertEqual(Activation(configName: "gelu_pytorch_tanh"), .geluTanh)
        XCTAssertNil(Activation(configName: "swish"))
    }

    func testShapeOps() {
        let x = Tensor(shape: [2, 2, 3], values: (0..<12).map(Float.init))
        XCTAssertEqual(Transpose.forward(x), Tensor(shape: [2, 3, 2], values: [0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11]))
        XCTAssertEqual(Slice.forward(x, axis: 2, range: 1..<3), Tensor(shape: [2, 2, 2], values: [1, 2, 4, 5, 7, 8, 10, 11]))
        XCTAssertEqual(Slice.forward(x, axis: 0, range: 1..<2).values, Array((6..<12).map(Float.init)))
        let y = Tensor(shape: [2, 1, 3], values: [-1, -2, -3, -4, -5, -6])
        XCTAssertEqual(Concat.forward([x, y], axis: 1),
                       Tensor(shape: [2, 3, 3], values: [0, 1, 2, 3, 4, 5, -1, -2, -3, 6, 7, 8, 9, 10, 11, -4, -5, -6]))
        XCTAssertEqual(Concat.backward(Concat.forward([x, y], axis: 1), sizes: [2, 1], axis: 1), [x, y])
    }

    func testEmbeddingGathersRows() {
        let table = Embedding(weight: Tensor(shape: [3, 2], values: [0, 1, 10, 11, 20, 21]))
        XCTAssertEqual(table.forward([2, 0, 2]), Tensor(shape: [3, 2], values: [20, 21, 0, 1, 20, 21]))
    }

    func testDropoutMaskIsSeededScaledAndDropsAboutP() {
        let mask = Dropout.mask(shape: [10_000], probability: 0.25, seed: 3)
        XCTAssertEqual(mask, Dropout.mask(shape: [10_000], probability: 0.25, seed: 3))
        XCTAssertNotEqual(mask, Dropout.mask(shape: [10_000], probability: 0.25, seed: 4))
        XCTAssertTrue(mask.values.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
        let dropped = Float(mask.values.filter { $0 == 0 }.count) / 10_000
        XCTAssertEqual(dropped, 0.25, accuracy: 0.02)
        XCTAssertNil(Dropout.trainingMask(shape: [4], probability: 0.25, seed: nil), "no mask at inference")
        XCTAssertNil(Dropout.trainingMask(shape: [4], probability: 0, seed: 1), "no mask for p = 0")
    }

    func testAttentionMatchesPerHeadReference() {
        let (batch, queries, keys, width, heads, tau) = (2, 3, 4, 6, 2, Float(1.5))
        let q = randomTensor([batch, queries, width], seed: 10)
        let k = randomTensor([batch, keys, width], seed: 11)
        let v = randomTensor([batch, keys, width], seed: 12)
        let mask = Attention.additiveMask(Tensor(shape: [batch, keys], values: [1, 1, 1, 1, 1, 1, 0, 0]))
        let (out, cache) = Attention.forward(query: q, key: k, value: v, heads: heads, temperature: tau, keyMask: mask)
        let d = width / heads
        var want = [Double](repeating: 0, count: out.count)
        for b in 0..<batch {
            let real = b == 0 ? keys : 2
            for h in 0..<heads {
                for i in 0..<queries {
                    let logits = (0..<real).map { j in
                        (0..<d).reduce(0.0) { sum, c in
                            sum + Double(q[b, i, h * d + c]) * Double(k[b, j, h * d + c])
                        } / (Double(d).squareRoot() * Double(tau))
                    }
                    let top = logits.max()!
                    let weights = logits.map { exp($0 - top) }
                    let total = weights.reduce(0, +)
                    for c in 0..<d {
                        want[(b * queries + i) * width + h * d + c] = (0..<real).reduce(0.0) { sum, j in
                            sum + weights[j] / total * Double(v[b, j, h * d + c])
                        }
                    }
                }
            }
        }
        assertClose(out.values, want)
        XCTAssertEqual(cache.probabilities.shape, [batch, heads, queries, keys])
        XCTAssertEqual(cache.probabilities[1, 1, 2, 3], 0, "padded keys get probability exactly 0")
    }
}
