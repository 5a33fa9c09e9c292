import Foundation

/// `log Σ exp(x)` over the last dimension, computed stably: `[…, n]` → `[…]`.
public enum LogSumExp {
    /// One value per row; −∞ for a row of −∞.
    public static func forward(_ x: Tensor) -> Tensor {
        let n = x.columns, rows = x.rows
        return Tensor(shape: Array(x.shape.dropLast())) { out in
            x.withUnsafeBufferPointer { x in
                for row in 0..<rows {
                    let base = row * n
                    var maximum = -Float.infinity
                    for j in 0..<n { maximum = max(maximum, x[base + j]) }
                    guard maximum.isFinite else {
                        out[row] = maximum  // all −∞ gives −∞; a +∞ entry gives +∞
                        continue
                    }
                    var sum: Float = 0
                    for j in 0..<n { sum += exp(x[base + j] - maximum) }
                    out[row] = maximum + log(sum)
                }
            }
        }
    }

    /// dx = dy · softmax(x) = dy · exp(x − lse), from the input and the forward output.
    public static func backward(_ dy: Tensor, input x: Tensor, output lse: Tensor) -> Tensor {
        precondition(dy.shape == lse.shape && lse.count == x.rows,
                     "LogSumExp.backward: gradient \(dy.shape), output \(lse.shape), input \(x.shape)")
        let n = x.columns
        return Tensor(shape: x.shape) { dx in
            x.withUnsafeBufferPointer { x in
                dy.withUnsafeBufferPointer { dy in
                    lse.withUnsafeBufferPointer { lse in
                        for row in 0..<lse.count {
                            let base = row * n
                            for j in 0..<n { dx[base + j] = lse[row].isFinite ? dy[row] * exp(x[base + j] - lse[row]) : 0 }
                        }
                    }
                }
            }
        }
    }
}
