/// `softmax(x/τ + mask)` over the last dimension.
///
/// The optional additive `mask` is `[groups, n]` for `x` `[…, n]`: the rows of `x` fall into
/// `groups` consecutive equal blocks and block g adds mask row g. So a key-padding mask `[B, T]`
/// serves scores `[B, heads, queries, T]`, and a `[rows, n]` mask is applied row by row.
/// Entries of −∞ get probability exactly 0; a row masked everywhere is all zeros, not NaN.
public enum Softmax {
    /// The probabilities, same shape as `x`.
    public static func forward(_ x: Tensor, temperature: Float = 1, mask: Tensor? = nil) -> Tensor {
        precondition(temperature > 0, "Softmax: temperature must be positive, got \(temperature)")
        let n = x.columns, rows = x.rows
        let groups = mask?.rows ?? 1
        if let mask {
            precondition(mask.columns == n && groups > 0 && rows % groups == 0,
                         "Softmax: mask \(mask.shape) does not fit input \(x.shape)")
        }
        let rowsPerGroup = rows / max(1, groups)
        let scale = 1 / temperature
        let zeros = [Float](repeating: 0, count: mask == nil ? n : 0)
        return Tensor(shape: x.shape) { y in
            x.withUnsafeBufferPointer { x in
                (mask?.values ?? zeros).withUnsafeBufferPointer { mask in
                    for row in 0..<rows {
                        let input = x.row(row, width: n), output = y.row(row, width: n)
                        let additive = mask.row(mask.count == n ? 0 : row / rowsPerGroup, width: n)
                        for j in 0..<n { output[j] = input[j] * scale + additive[j] }
                        normalize(output)
                    }
                }
            }
        }
    }

    /// dx = (y ⊙ (dy − Σ dy ⊙ y)) / τ, from the forward output `y`.
    public static func backward(_ dy: Tensor, output y: Tensor, temperature: Float = 1) -> Tensor {
        precondition(dy.shape == y.shape, "Softmax.backward: gradient \(dy.shape) vs output \(y.shape)")
        let n = y.columns, rows = y.rows, scale = 1 / temperature
        return Tensor(shape: y.shape) { dx in
            y.withUnsafeBufferPointer { y in
                dy.withUnsafeBufferPointer { dy in
                    for row in 0..<rows {
                        let (p, g, out) = (y.row(row, width: n), dy.row(row, width: n), dx.row(row, width: n))
                        var dot: Float = 0
                        for j in 0..<n { dot += g[j] * p[j] }
                        for j in 0..<n { out[j] = p[j] * (g[j] - dot) * scale }
                    }
                }
            }
        }
    }

    /// Turns one row of logits into probabilities in place.
    @inline(__always)
    static func normalize(_ row: UnsafeMutableBufferPointer<Float>) {
        var maximum = -Float.infinity
        for j in 0..<row.count { maximum = max(maximum, row[j]) }
        guard maximum > -.infinity else {
            row.update(repeating: 0)
            return
        }
        // The exponentials in a loop of their own: with the sum inside, the float reduction
        // would keep the compiler from vectorising the exp.
        for j in 0..<row.count { row[j] = FastMath.exp(row[j] - maximum) }
        var sum: Float = 0
        for j in 0..<row.count { sum += row[j] }
        let reciprocal = 1 / sum
        for j in 0..<row.count { row[j] *= reciprocal }
    }
}
