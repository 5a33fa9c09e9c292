import BLAS
import XCTest

final class BLASTests: XCTestCase {
    /// SplitMix64, so a failure reproduces with the same shapes and values.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testSGEMMMatchesNaiveLoopOnRandomShapes() {
        var random = SeededGenerator(state: 42)
        for trial in 0..<60 {
            let (m, n, k) = (Int.random(in: 1...37, using: &random), Int.random(in: 1...41, using: &random),
                             Int.random(in: 1...53, using: &random))
            let (transposeA, transposeB) = (Bool.random(using: &random), Bool.random(using: &random))
            let alpha = Float.random(in: -2...2, using: &random)
            let beta: Float = trial % 3 == 0 ? 0 : Float.random(in: -2...2, using: &random)
            // Padded leading dimensions exercise the stride handling, not only packed storage.
            let (aRows, aColumns) = transposeA ? (k, m) : (m, k)
            let (bRows, bColumns) = transposeB ? (n, k) : (k, n)
            let (lda, ldb, ldc) = (aColumns + trial % 4, bColumns + trial % 3, n + trial % 5)
            let a = (0..<aRows * lda).map { _ in Float.random(in: -1...1, using: &random) }
            let b = (0..<bRows * ldb).map { _ in Float.random(in: -1...1, using: &random) }
            var c = (0..<m * ldc).map { _ in Float.random(in: -1...1, using: &random) }

            var expected = c.map(Double.init)
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    for p in 0..<k {
                        let aValue = transposeA ? a[p * lda + i] : a[i * lda + p]
                        let bValue = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                        sum += Double(aValue) * Double(bValue)
                    }
                    expected[i * ldc + j] = Double(alpha) * sum + Double(beta) * Double(c[i * ldc + j])
                }
            }

            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                   alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
                    }
                }
            }
            for i in 0..<m {
                for j in 0..<n {
                    let (got, want) = (Double(c[i * ldc + j]), expected[i * ldc + j])
                    XCTAssertLessThanOrEqual(abs(got - want), 1e-4 * max(1, abs(want)),
                                             "trial \(trial) m=\(m) n=\(n) k=\(k) tA=\(transposeA) tB=\(transposeB) at (\(i), \(j))")
                }
            }
        }
    }

    func testSGEMMArrayConvenienceMultipliesPackedMatrices() {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154], then + 2·C.
        var c: [Float] = [1, 1, 1, 1]
        BLAS.sgemm(m: 2, n: 2, k: 3, a: [1, 2, 3, 4, 5, 6], b: [7, 8, 9, 10, 11, 12], beta: 2, c: &c)
        XCTAssertEqual(c, [60, 66, 141, 156])
        // Aᵀ with A stored 3×2 gives the same product.
        BLAS.sgemm(transposeA: true, m: 2, n: 2, k: 3, a: [1, 4, 2, 5, 3, 6], b: [7, 8, 9, 10, 11, 12], c: &c)
        XCTAssertEqual(c, [58, 64, 139, 154])
    }

    func testSGEMVBothOrientations() {
        let a: [Float] = [1, 2, 3, 4, 5, 6]  // 2×3
        var y: [Float] = [1, 1]
        a.withUnsafeBufferPointer { a in
            [Float](arrayLiteral: 1, 0, -1).withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    BLAS.sgemv(transpose: false, m: 2, n: 3, alpha: 1, a: a, lda: 3, x: x, beta: 10, y: y)
                }
            }
        }
        XCTAssertEqual(y, [8, 8])
        var z: [Float] = [0, 0, 0]
        a.withUnsafeBufferPointer { a in
            [Float](arrayLiteral: 1, 2).withUnsafeBufferPointer { x in
                z.withUnsafeMutableBufferPointer { z in
                    BLAS.sgemv(transpose: true, m: 2, n: 3, alpha: 2, a: a, lda: 3, x: x, beta: 0, y: z)
                }
            }
        }
        XCTAssertEqual(z, [18, 24, 30])
    }

    func testVectorOperations() {
        var y: [Float] = [1, 2, 3]
        BLAS.saxpy(alpha: 2, x: [1, 1, 1], y: &y)
        XCTAssertEqual(y, [3, 4, 5])
        XCTAssertEqual(BLAS.sdot([1, 2, 3], [4, -5, 6]), 12)
        XCTAssertEqual(BLAS.snrm2([3, 4]), 5, accuracy: 1e-6)
        XCTAssertEqual(BLAS.snrm2([3e30, 4e30]), 5e30, accuracy: 1e25, "no overflow on large elements")
    }

    func testThreadCountRoundTrips() {
        let original = BLAS.threads
        defer { BLAS.threads = original }
        XCTAssertGreaterThanOrEqual(original, 1)
        BLAS.threads = 1
        XCTAssertEqual(BLAS.threads, 1)
        BLAS.threads = 2
        XCTAssertEqual(BLAS.threads, 2)
    }

    func testMeasureSGEMMReportsPositiveThroughput() {
        XCTAssertGreaterThan(BLAS.measureSGEMM(size: 64, repeats: 2), 0)
    }
}
