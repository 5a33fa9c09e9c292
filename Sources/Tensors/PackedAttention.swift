import BLAS

/// Attention on packed sequences: the batch's real tokens, row after row, with no padding.
extension Attention {
    /// Where each sequence's blocks sit: sequence i owns query/key rows `rowOffsets[i] ..< rowOffsets[i] + lengths[i]`
    /// of the packed `[N, width]` inputs and the scores `[heads, L_i, L_i]` from `scoreOffsets[i]`.
    struct PackedLayout {
        let lengths: [Int], rowOffsets: [Int], scoreOffsets: [Int]
        let scoreCount: Int, width: Int, heads: Int, headWidth: Int

        init(lengths: [Int], query: Tensor, key: Tensor, value: Tensor, heads: Int) {
            precondition(query.rank == 2 && query.shape == key.shape && key.shape == value.shape,
                         "Attention (packed): query \(query.shape), key \(key.shape), value \(value.shape) must be equal [N, width]")
            precondition(lengths.reduce(0, +) == query.shape[0],
                         "Attention (packed): lengths sum to \(lengths.reduce(0, +)), inputs have \(query.shape[0]) rows")
            precondition(heads > 0 && query.shape[1] % heads == 0,
                         "Attention: width \(query.shape[1]) is not divisible by \(heads) heads")
            var rows = 0, scores = 0
            var rowOffsets: [Int] = [], scoreOffsets: [Int] = []
            for length in lengths {
                rowOffsets.append(rows)
                scoreOffsets.append(scores)
                rows += length
                scores += heads * length * length
            }
            (self.lengths, self.rowOffsets, self.scoreOffsets, scoreCount) = (lengths, rowOffsets, scoreOffsets, scores)
            (width, self.heads, headWidth) = (query.shape[1], heads, query.shape[1] / heads)
        }

        func scale(_ temperature: Float) -> Float {
            precondition(temperature > 0, "Attention: temperature must be positive, got \(temperature)")
            return 1 / (Float(headWidth).squareRoot() * temperature)
        }

        /// Calls `body` for every (sequence, head) with its length, its offset in the packed
        /// `[N, width]` tensors and its `[L, L]` score block's offset.
        func forEachHead(_ body: (_ length: Int, _ rows: Int, _ scores: Int) -> Void) {
            for (i, length) in lengths.enumerated() where length > 0 {
                for j in 0..<heads {
                    body(length, rowOffsets[i] * width + j * headWidth, scoreOffsets[i] + j * length * length)
                }
            }
        }

        /// Calls `body` for every score row with its offset and width.
        func forEachScoreRow(_ body: (_ offset: Int, _ width: Int) -> Void) {
            for (i, length) in lengths.enumerated() {
                for row in 0..<(heads * length) { body(scoreOffsets[i] + row * length, length) }
            }
        }
    }

    /// Self-attention over packed sequences: `query`, `key`, `value` are `[N, width]` with
    /// sequence i in rows `Σ_{i'<i} lengths[i'] ..< … + lengths[i]`; each sequence attends to
    /// itself only, so no mask is needed. The cache's probabilities are the flat concatenation of
    /// every sequence's `[heads, L_i, L_i]`; `dropoutMask`, if any, has that same element count.
    public static func forward(query: Tensor, key: Tensor, value: Tensor, heads: Int, lengths: [Int],
                               temperature: Float = 1, dropoutMask: Tensor? = nil) -> (output: Tensor, cache: Cache) {
        let s = PackedLayout(lengths: lengths, query: query, key: key, value: value, heads: heads)
        let scale = s.scale(temperature)
        var probabilities = Tensor(zeros: [s.scoreCount])
        query.withUnsafeBufferPointer { q in
            key.withUnsafeBufferPointer { k in
                probabilities.withUnsafeMutableBufferPointer { logits in
                    s.forEachHead { length, rows, scores in
                        gemm(false, true, m: length, n: length, k: s.headWidth, alpha: scale,
                                   q, rows, s.width, k, rows, s.width, logits, scores, length)
                    }
                    s.forEachScoreRow { offset, width in
                        Softmax.normalize(UnsafeMutableBufferPointer(rebasing: logits[offset..<(offset + width)]))
                    }
                }
            }
        }
        if let dropoutMask {
            precondition(dropoutMask.count == s.scoreCount, "Attention (packed): dropout mask \(dropoutMask.shape), expected \(s.scoreCount) elements")
        }
        let dropped = dropoutMask.map { Dropout.forward(probabilities, mask: $0.reshaped([s.scoreCount])) }
        var output = Tensor(zeros: query.shape)
        (dropped ?? probabilities).withUnsafeBufferPointer { p in
            value.withUnsafeBufferPointer { v in
                output.withUnsafeMutableBufferPointer { out in
                    s.forEachHead { length, rows, scores in
                        gemm(false, false, m: length, n: s.headWidth, k: length,
                                   p, scores, length, v, rows, s.width, out, rows, s.width)
                    }
                }
            }
        }
        return (output, Cache(probabilities: probabilities, droppedProbabilities: dropped,
                              dropoutMask: dropoutMask?.reshaped([s.scoreCount])))
    }

    /// The gradients of the packed query, key and value inputs (see the packed ``forward(query:key:value:heads:lengths:temperature:dropoutMask:)``).
    public static func backward(_ dOutput: Tensor, query: Tensor, key: Tensor, value: Tensor, heads: Int, lengths: [Int],
                                temperature: Float = 1, cache: Cache) -> (query: Tensor, key: Tensor, value: Tensor) {
        let s = PackedLayout(lengths: lengths, query: query, key: key, value: value, heads: heads)
        precondition(dOutput.shape == query.shape, "Attention.backward: gradient \(dOutput.shape) vs output \(query.shape)")
        var dMixing = Tensor(zeros: [s.scoreCount])
        var dValue = Tensor(zeros: value.shape)
        dOutput.withUnsafeBufferPointer { dOut in
            value.withUnsafeBufferPointer { v in
                (cache.droppedProbabilities ?? cache.probabilities).withUnsafeBufferPointer { p in
                    dMixing.withUnsafeMutableBufferPointer { dP in
                        dValue.withUnsafeMutableBufferPointer { dV in
                            s.forEachHead { length, rows, scores in
                                gemm(false, true, m: length, n: length, k: s.headWidth,
                                           dOut, rows, s.width, v, rows, s.width, dP, scores, length)
                                gemm(true, false, m: length, n: s.headWidth, k: length,
                                           p, scores, length, dOut, rows, s.width, dV, rows, s.width)
                            }
                        }
                    }
                }
            }
        }
        let dProbabilities = cache.dropoutMask.map { Dropout.backward(dMixing, mask: $0) } ?? dMixing
        // Softmax backward, row by row of varying widths, in place.
        var dLogits = dProbabilities
        cache.probabilities.withUnsafeBufferPointer { y in
            dLogits.withUnsafeMutableBufferPointer { g in
                s.forEachScoreRow { offset, width in
                    var dot: Float = 0
                    for j in offset..<(offset + width) { dot += g[j] * y[j] }
                    for j in offset..<(offset + width) { g[j] = y[j] * (g[j] - dot) }
                }
            }
        }
        let scale = s.scale(temperature)
        var dQuery = Tensor(zeros: query.shape), dKey = Tensor(zeros: key.shape)
        dLogits.withUnsafeBufferPointer { dS in
            query.withUnsafeBufferPointer { q in
                key.withUnsafeBufferPointer { k in
                    dQuery.withUnsafeMutableBufferPointer { dQ in
                        dKey.withUnsafeMutableBufferPointer { dK in
                            s.forEachHead { length, rows, scores in
                                gemm(false, false, m: length, n: s.headWidth, k: length, alpha: scale,
                                           dS, scores, length, k, rows, s.width, dQ, rows, s.width)
                                gemm(true, false, m: length, n: s.headWidth, k: length, alpha: scale,
                                           dS, scores, length, q, rows, s.width, dK, rows, s.width)
                            }
                        }
                    }
                }
            }
        }
        return (dQuery, dKey, dValue)
    }
}
