import BLAS

/// Matrix products `C = op(A) · op(B)`, batched over leading dimensions.
///
/// A and B are `[batch…, rows, columns]`; either may be a plain matrix shared by every batch
/// element (e.g. a weight), whose gradient then sums over the batch.
public enum MatMul {
    /// `C[i] = op(A[i]) · op(B[i])`, with op a transpose of the last two dimensions when asked.
    public static func forward(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        let plan = Plan(a, b, transposeA, transposeB)
        return product(a, transposeA, b, transposeB, batch: plan.batch, shape: plan.batchShape + [plan.m, plan.n])
    }

    /// The gradients of ``forward(_:_:transposeA:transposeB:)`` with respect to A and B, given
    /// the gradient `dc` of its output.
    public static func backward(_ dc: Tensor, _ a: Tensor, _ b: Tensor,
                                transposeA: Bool = false, transposeB: Bool = false) -> (a: Tensor, b: Tensor) {
        let plan = Plan(a, b, transposeA, transposeB)
        precondition(dc.shape == plan.batchShape + [plan.m, plan.n],
                     "MatMul.backward: gradient has shape \(dc.shape), output was \(plan.batchShape + [plan.m, plan.n])")
        // C = A·B: dA = dC·Bᵀ, dB = Aᵀ·dC; the transposed cases follow by transposing both sides.
        let (da, db): (Tensor, Tensor)
        switch (transposeA, transposeB) {
        case (false, false):
            da = product(dc, false, b, true, batch: plan.batch, shape: a.shape)
            db = product(a, true, dc, false, batch: plan.batch, shape: b.shape)
        case (true, false):
            da = product(b, false, dc, true, batch: plan.batch, shape: a.shape)
            db = product(a, false, dc, false, batch: plan.batch, shape: b.shape)
        case (false, true):
            da = product(dc, false, b, false, batch: plan.batch, shape: a.shape)
            db = product(dc, true, a, false, batch: plan.batch, shape: b.shape)
        case (true, true):
            da = product(b, true, dc, true, batch: plan.batch, shape: a.shape)
            db = product(dc, true, a, true, batch: plan.batch, shape: b.shape)
        }
        return (da, db)
    }

    /// Shapes of one product, checked.
    private struct Plan {
        let batchShape: [Int]
        let batch: Int
        let m: Int, n: Int, k: Int

        init(_ a: Tensor, _ b: Tensor, _ transposeA: Bool, _ transposeB: Bool) {
            precondition(a.rank >= 2 && b.rank >= 2, "MatMul: operands need rank ≥ 2, got \(a.shape) and \(b.shape)")
            let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
            precondition(aBatch.isEmpty || bBatch.isEmpty || aBatch == bBatch,
                         "MatMul: batch dimensions \(aBatch) and \(bBatch) differ")
            batchShape = aBatch.isEmpty ? bBatch : aBatch
            batch = batchShape.reduce(1, *)
            let (aRows, aColumns) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
            let (bRows, bColumns) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
            (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns)
            let bInner: Int
            (bInner, n) = transposeB ? (bColumns, bRows) : (bRows, bColumns)
            precondition(k == bInner, "MatMul: inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        }
    }

    /// `op(x) · op(y)` per batch element into a tensor of `shape`; a rank-2 operand is shared by
    /// the batch, and a rank-2 `shape` sums the products over the batch.
    private static func product(_ x: Tensor, _ transposeX: Bool, _ y: Tensor, _ transposeY: Bool,
                                batch: Int, shape: [Int]) -> Tensor {
        let m = shape[shape.count - 2], n = shape[shape.count - 1]
        let k = transposeX ? x.shape[x.rank - 2] : x.shape[x.rank - 1]
        let sumsOverBatch = shape.count == 2 && batch > 1
        let xStride = x.rank > 2 ? m * k : 0, yStride = y.rank > 2 ? k * n : 0
        var out = Tensor(zeros: shape)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { out in
                    batchedGemm(x, xStride: xStride, transposeX: transposeX,
                                y, yStride: yStride, transposeY: transposeY,
                                out, outStride: sumsOverBatch ? 0 : m * n, m: m, n: n, k: k, batch: batch)
                }
            }
        }
        return out
    }

    /// `out[i] = op(x[i]) · op(y[i])` for `i` in `0..<batch`, every matrix packed row-major.
    /// A stride of 0 shares one matrix across the batch; for `out` it means the products are
    /// summed into that one matrix (how a broadcast operand's gradient accumulates).
    private static func batchedGemm(_ x: UnsafeBufferPointer<Float>, xStride: Int, transposeX: Bool,
                                    _ y: UnsafeBufferPointer<Float>, yStride: Int, transposeY: Bool,
                                    _ out: UnsafeMutableBufferPointer<Float>, outStride: Int,
                                    m: Int, n: Int, k: Int, batch: Int) {
        guard m > 0, n > 0 else { return }
        for i in 0..<batch {
            BLAS.sgemm(transposeA: transposeX, transposeB: transposeY, m: m, n: n, k: k, alpha: 1,
                       a: UnsafeBufferPointer(rebasing: x[(i * xStride)...]), lda: max(1, transposeX ? m : k),
                       b: UnsafeBufferPointer(rebasing: y[(i * yStride)...]), ldb: max(1, transposeY ? k : n),
                       beta: outStride == 0 && i > 0 ? 1 : 0,
                       c: UnsafeMutableBufferPointer(rebasing: out[(i * outStride)...]), ldc: n)
        }
    }
}
