/// Elementwise sum of two tensors of the same shape.
public enum Add {
    /// `a + b`.
    public static func forward(_ a: Tensor, _ b: Tensor) -> Tensor {
        var result = a
        result += b
        return result
    }

    /// Both inputs receive the output gradient unchanged.
    public static func backward(_ dy: Tensor) -> (a: Tensor, b: Tensor) {
        (dy, dy)
    }
}

/// Elementwise product of two tensors of the same shape.
public enum Multiply {
    /// `a ⊙ b`.
    public static func forward(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape, "Multiply: shapes \(a.shape) and \(b.shape) differ")
        return Tensor(shape: a.shape) { out in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<out.count { out[i] = a[i] * b[i] }
                }
            }
        }
    }

    /// `(dy ⊙ b, dy ⊙ a)`.
    public static func backward(_ dy: Tensor, _ a: Tensor, _ b: Tensor) -> (a: Tensor, b: Tensor) {
        (forward(dy, b), forward(dy, a))
    }
}

/// `x + bias`, the bias `[n]` broadcast over every row of `x` `[…, n]`.
public enum BiasAdd {
    /// `x + bias` on every row.
    public static func forward(_ x: Tensor, _ bias: Tensor) -> Tensor {
        precondition(bias.rank == 1 && x.columns == bias.count,
                     "BiasAdd: bias \(bias.shape) does not match the last dimension of \(x.shape)")
        var result = broadcast(bias, rows: x.rows).reshaped(x.shape)
        result += x
        return result
    }

    /// dx = dy and dbias = the column sums of dy.
    public static func backward(_ dy: Tensor) -> (x: Tensor, bias: Tensor) {
        var dbias = Tensor(zeros: [dy.columns])
        accumulateColumnSums(dy, into: &dbias)
        return (dy, dbias)
    }

    /// `[rows, n]` copies of `bias`.
    static func broadcast(_ bias: Tensor, rows: Int) -> Tensor {
        let n = bias.count
        return Tensor(shape: [rows, n]) { out in
            bias.withUnsafeBufferPointer { bias in
                for row in 0..<rows { _ = out.row(row, width: n).initialize(fromContentsOf: bias) }
            }
        }
    }

    /// `sums[j] += Σ_rows dy[row, j]`.
    static func accumulateColumnSums(_ dy: Tensor, into sums: inout Tensor) {
        let n = dy.columns
        precondition(sums.count == n, "BiasAdd: \(sums.count) sums for rows of width \(n)")
        dy.withUnsafeBufferPointer { dy in
            sums.withUnsafeMutableBufferPointer { sums in
                for row in 0..<(n == 0 ? 0 : dy.count / n) {
                    let values = dy.row(row, width: n)
                    for j in 0..<n { sums[j] += values[j] }
                }
            }
        }
    }
}

extension Tensor {
    /// Adds `other` (same shape) elementwise in place: residual connections and gradient sums.
    public static func += (lhs: inout Tensor, rhs: Tensor) {
        precondition(lhs.shape == rhs.shape, "Tensor +=: shapes \(lhs.shape) and \(rhs.shape) differ")
        rhs.withUnsafeBufferPointer { rhs in
            lhs.withUnsafeMutableBufferPointer { lhs in
                for i in 0..<lhs.count { lhs[i] += rhs[i] }
            }
        }
    }
}
