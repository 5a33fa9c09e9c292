/// Layer normalisation over the last dimension: `(x − mean) / √(var + eps) · γ + β`, with the
/// biased variance (as PyTorch).
public struct LayerNorm: ParameterGroup {
    /// γ, `[dimension]`.
    public var weight: Tensor
    /// β, `[dimension]`.
    public var bias: Tensor
    /// Added to the variance; read it from the checkpoint's config (1e-12 for BERT, 1e-5 for CLIP).
    public var epsilon: Float

    /// What ``backward(_:input:cache:gradients:)`` needs from the forward pass, per row.
    public struct Cache: Sendable {
        public let mean: [Float]
        public let reciprocalStandardDeviation: [Float]
    }

    public init(weight: Tensor, bias: Tensor, epsilon: Float) {
        precondition(weight.rank == 1 && bias.shape == weight.shape,
                     "LayerNorm: weight \(weight.shape) and bias \(bias.shape) must be equal vectors")
        self.weight = weight
        self.bias = bias
        self.epsilon = epsilon
    }

    /// γ = 1, β = 0.
    public init(dimension: Int, epsilon: Float) {
        self.init(weight: Tensor(shape: [dimension], repeating: 1), bias: Tensor(zeros: [dimension]), epsilon: epsilon)
    }

    public var parameters: [NamedParameter<LayerNorm>] { [("weight", \.weight), ("bias", \.bias)] }

    /// Normalises every row of `x` `[…, dimension]`.
    public func forward(_ x: Tensor) -> (output: Tensor, cache: Cache) {
        let n = x.columns, rows = x.rows
        precondition(n == weight.count, "LayerNorm.forward: input \(x.shape) does not end in \(weight.count)")
        var means = [Float](repeating: 0, count: rows)
        var reciprocals = [Float](repeating: 0, count: rows)
        let y = Tensor(shape: x.shape) { out in
            x.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { gamma in
                    bias.withUnsafeBufferPointer { beta in
                        for row in 0..<rows {
                            let (input, output) = (x.row(row, width: n), out.row(row, width: n))
                            // Two passes (mean, then squared deviations) for accuracy in float32.
                            var sum: Float = 0
                            for j in 0..<n { sum += input[j] }
                            let mean = sum / Float(n)
                            var squares: Float = 0
                            for j in 0..<n {
                                let d = input[j] - mean
                                squares += d * d
                            }
                            let reciprocal = 1 / (squares / Float(n) + epsilon).squareRoot()
                            for j in 0..<n { output[j] = (input[j] - mean) * reciprocal * gamma[j] + beta[j] }
                            means[row] = mean
                            reciprocals[row] = reciprocal
                        }
                    }
                }
            }
        }
        return (y, Cache(mean: means, reciprocalStandardDeviation: reciprocals))
    }

    /// Accumulates dγ and dβ into `gradients` and returns dx.
    public func backward(_ dy: Tensor, input x: Tensor, cache: Cache, gradients: inout LayerNorm) -> Tensor {
        precondition(dy.shape == x.shape, "LayerNorm.backward: gradient \(dy.shape) vs input \(x.shape)")
        let n = x.columns, rows = x.rows
        return Tensor(shape: x.shape) { dx in
            x.withUnsafeBufferPointer { x in
                dy.withUnsafeBufferPointer { dy in
                    weight.withUnsafeBufferPointer { gamma in
                        gradients.weight.withUnsafeMutableBufferPointer { dGamma in
                            gradients.bias.withUnsafeMutableBufferPointer { dBeta in
                                for row in 0..<rows {
                                    let (input, g, out) = (x.row(row, width: n), dy.row(row, width: n), dx.row(row, width: n))
                                    let mean = cache.mean[row], reciprocal = cache.reciprocalStandardDeviation[row]
                                    // dx = r·(s − mean(s) − x̂·mean(s·x̂)) with s = dy·γ and x̂ the normalised input.
                                    var gMean: Float = 0, gxMean: Float = 0
                                    for j in 0..<n {
                                        let normalized = (input[j] - mean) * reciprocal
                                        let scaled = g[j] * gamma[j]
                                        gMean += scaled
                                        gxMean += scaled * normalized
                                        dGamma[j] += g[j] * normalized
                                        dBeta[j] += g[j]
                                    }
                                    gMean /= Float(n)
                                    gxMean /= Float(n)
                                    for j in 0..<n {
                                        let normalized = (input[j] - mean) * reciprocal
                                        out[j] = (g[j] * gamma[j] - gMean - normalized * gxMean) * reciprocal
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
