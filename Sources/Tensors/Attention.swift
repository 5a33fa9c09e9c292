import BLAS

/// Multi-head scaled dot-product attention on projected inputs, heads as contiguous feature
/// slices: per batch element b and head j,
/// `P = softmax(Q_j·K_jᵀ / (√d_k·τ) + mask_b)`, `out_j = P·V_j`, heads concatenated in order.
///
/// Queries are `[B, Tq, width]`, keys and values `[B, Tk, width]`, `d_k = width / heads`. The
/// per-head products run as strided sgemm calls on the inputs, without copying heads apart.
public enum Attention {
    /// What the backward pass needs: the attention probabilities `[B, heads, Tq, Tk]` and, with
    /// dropout, its mask and the probabilities after dropout (what multiplied V).
    public struct Cache: Sendable {
        public let probabilities: Tensor
        public let droppedProbabilities: Tensor?
        public let dropoutMask: Tensor?
    }

    /// The additive key mask `[B, T]` for a 1/0 attention mask: 0 where real, −∞ where padding.
    public static func additiveMask(_ attentionMask: Tensor) -> Tensor {
        Tensor(shape: attentionMask.shape) { out in
            attentionMask.withUnsafeBufferPointer { mask in
                for i in 0..<mask.count { out[i] = mask[i] != 0 ? 0 : -.infinity }
            }
        }
    }

    /// - Parameters:
    ///   - keyMask: additive `[B, Tk]` (see ``additiveMask(_:)``), or nil for no mask.
    ///   - temperature: τ, dividing the scaled logits (1 for the standard transformer).
    ///   - dropoutMask: a ``Dropout`` mask `[B, heads, Tq, Tk]` applied to the probabilities.
    public static func forward(query: Tensor, key: Tensor, value: Tensor, heads: Int, temperature: Float = 1,
                               keyMask: Tensor? = nil, dropoutMask: Tensor? = nil) -> (output: Tensor, cache: Cache) {
        let s = Sizes(query: query, key: key, value: value, heads: heads)
        if let keyMask {
            precondition(keyMask.shape == [s.batch, s.keys], "Attention: key mask \(keyMask.shape), expected \([s.batch, s.keys])")
        }
        let scale = s.scale(temperature)
        var logits = Tensor(zeros: [s.batch, heads, s.queries, s.keys])
        query.withUnsafeBufferPointer { q in
            key.withUnsafeBufferPointer { k in
                logits.withUnsafeMutableBufferPointer { logits in
                    s.forEachHead { qOffset, kOffset, sOffset in
                        // S = scale · Q_j · K_jᵀ
                        gemm(false, true, m: s.queries, n: s.keys, k: s.headWidth, alpha: scale,
                             q, qOffset, s.width, k, kOffset, s.width, logits, sOffset, s.keys)
                    }
                }
            }
        }
        let probabilities = Softmax.forward(logits, mask: keyMask)
        let dropped = dropoutMask.map { Dropout.forward(probabilities, mask: $0) }
        var output = Tensor(zeros: query.shape)
        (dropped ?? probabilities).withUnsafeBufferPointer { p in
            value.withUnsafeBufferPointer { v in
                output.withUnsafeMutableBufferPointer { out in
                    s.forEachHead { qOffset, kOffset, sOffset in
                        // out_j = P · V_j
                        gemm(false, false, m: s.queries, n: s.headWidth, k: s.keys,
                             p, sOffset, s.keys, v, kOffset, s.width, out, qOffset, s.width)
                    }
                }
            }
        }
        return (output, Cache(probabilities: probabilities, droppedProbabilities: dropped, dropoutMask: dropoutMask))
    }

    /// The gradients with respect to the query, key and value inputs, given the output gradient.
    public static func backward(_ dOutput: Tensor, query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                temperature: Float = 1, cache: Cache) -> (query: Tensor, key: Tensor, value: Tensor) {
        let s = Sizes(query: query, key: key, value: value, heads: heads)
        precondition(dOutput.shape == query.shape, "Attention.backward: gradient \(dOutput.shape) vs output \(query.shape)")
        var dMixing = Tensor(zeros: cache.probabilities.shape)
        var dValue = Tensor(zeros: value.shape)
        dOutput.withUnsafeBufferPointer { dOut in
            value.withUnsafeBufferPointer { v in
                (cache.droppedProbabilities ?? cache.probabilities).withUnsafeBufferPointer { p in
                    dMixing.withUnsafeMutableBufferPointer { dP in
                        dValue.withUnsafeMutableBufferPointer { dV in
                            s.forEachHead { qOffset, kOffset, sOffset in
                                // dP = dOut_j · V_jᵀ and dV_j = Pᵀ · dOut_j
                                gemm(false, true, m: s.queries, n: s.keys, k: s.headWidth,
                                     dOut, qOffset, s.width, v, kOffset, s.width, dP, sOffset, s.keys)
                                gemm(true, false, m: s.keys, n: s.headWidth, k: s.queries,
                                     p, sOffset, s.keys, dOut, qOffset, s.width, dV, kOffset, s.width)
                            }
                        }
                    }
                }
            }
        }
        let dProbabilities = cache.dropoutMask.map { Dropout.backward(dMixing, mask: $0) } ?? dMixing
        let dLogits = Softmax.backward(dProbabilities, output: cache.probabilities)
        let scale = s.scale(temperature)
        var dQuery = Tensor(zeros: query.shape), dKey = Tensor(zeros: key.shape)
        dLogits.withUnsafeBufferPointer { dS in
            query.withUnsafeBufferPointer { q in
                key.withUnsafeBufferPointer { k in
                    dQuery.withUnsafeMutableBufferPointer { dQ in
                        dKey.withUnsafeMutableBufferPointer { dK in
                            s.forEachHead { qOffset, kOffset, sOffset in
                                // dQ_j = scale · dS · K_j and dK_j = scale · dSᵀ · Q_j
                                gemm(false, false, m: s.queries, n: s.headWidth, k: s.keys, alpha: scale,
                                     dS, sOffset, s.keys, k, kOffset, s.width, dQ, qOffset, s.width)
                                gemm(true, false, m: s.keys, n: s.headWidth, k: s.queries, alpha: scale,
                                     dS, sOffset, s.keys, q, qOffset, s.width, dK, kOffset, s.width)
                            }
                        }
                    }
                }
            }
        }
        return (dQuery, dKey, dValue)
    }

    /// The sizes of one attention call.
    private struct Sizes {
        let batch: Int, queries: Int, keys: Int, width: Int, heads: Int, headWidth: Int

        init(query: Tensor, key: Tensor, value: Tensor, heads: Int) {
            precondition(query.rank == 3 && key.rank == 3 && key.shape == value.shape,
                         "Attention: query \(query.shape), key \(key.shape), value \(value.shape) must be [B, T, width]")
            precondition(query.shape[0] == key.shape[0] && query.shape[2] == key.shape[2],
                         "Attention: query \(query.shape) and key \(key.shape) differ in batch or width")
            precondition(heads > 0 && query.shape[2] % heads == 0,
                         "Attention: width \(query.shape[2]) is not divisible by \(heads) heads")
            (batch, queries, keys, width) = (query.shape[0], query.shape[1], key.shape[1], query.shape[2])
            self.heads = heads
            headWidth = width / heads
        }

        /// The logit scale 1/(√d_k·τ).
        func scale(_ temperature: Float) -> Float {
            precondition(temperature > 0, "Attention: temperature must be positive, got \(temperature)")
            return 1 / (Float(headWidth).squareRoot() * temperature)
        }

        /// Calls `body` with the offsets where head j of batch element b starts: in the
        /// `[B, Tq, width]` query-side tensors, the `[B, Tk, width]` key-side ones, and the
        /// packed `[B, heads, Tq, Tk]` scores.
        func forEachHead(_ body: (_ query: Int, _ key: Int, _ scores: Int) -> Void) {
            for b in 0..<batch {
                for j in 0..<heads {
                    body(b * queries * width + j * headWidth, b * keys * width + j * headWidth,
                         (b * heads + j) * queries * keys)
                }
            }
        }
    }

    /// sgemm on matrices starting at offsets inside larger buffers (one head's block, padded or packed).
    static func gemm(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                             _ a: UnsafeBufferPointer<Float>, _ aOffset: Int, _ lda: Int,
                             _ b: UnsafeBufferPointer<Float>, _ bOffset: Int, _ ldb: Int,
                             _ c: UnsafeMutableBufferPointer<Float>, _ cOffset: Int, _ ldc: Int) {
        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: UnsafeBufferPointer(rebasing: a[aOffset...]), lda: lda,
                   b: UnsafeBufferPointer(rebasing: b[bOffset...]), ldb: ldb, beta: 0,
                   c: UnsafeMutableBufferPointer(rebasing: c[cOffset...]), ldc: ldc)
    }
}
