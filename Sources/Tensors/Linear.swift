import BLAS

/// A fully connected layer in Hugging Face layout: `y = x·Wᵀ + b` with W `[out, in]`.
public struct Linear: ParameterGroup {
    /// `[outputSize, inputSize]`.
    public var weight: Tensor
    /// `[outputSize]`, or nil for a layer without bias.
    public var bias: Tensor?

    public init(weight: Tensor, bias: Tensor?) {
        precondition(weight.rank == 2, "Linear: weight must be [out, in], got \(weight.shape)")
        precondition(bias == nil || bias!.shape == [weight.shape[0]],
                     "Linear: bias \(bias!.shape) does not match weight \(weight.shape)")
        self.weight = weight
        self.bias = bias
    }

    /// A weight from `initializer` and a zero bias.
    public init(inputSize: Int, outputSize: Int, hasBias: Bool = true, initializer: inout WeightInitializer) {
        self.init(weight: initializer.weight([outputSize, inputSize]), bias: hasBias ? Tensor(zeros: [outputSize]) : nil)
    }

    public var inputSize: Int { weight.shape[1] }
    public var outputSize: Int { weight.shape[0] }

    public var parameters: [NamedParameter<Linear>] {
        bias == nil ? [("weight", \.weight)] : [("weight", \.weight), ("bias", \.bias!)]
    }

    /// `x` is `[…, inputSize]`; the result is `[…, outputSize]`.
    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.columns == inputSize, "Linear.forward: input \(x.shape) does not end in \(inputSize)")
        let rows = x.rows, (n, k) = (outputSize, inputSize)
        // Start from the broadcast bias and let sgemm add the product (beta 1): one pass fewer.
        var result = bias.map { BiasAdd.broadcast($0, rows: rows) } ?? Tensor(zeros: [rows, n])
        x.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                result.withUnsafeMutableBufferPointer { y in
                    BLAS.sgemm(transposeA: false, transposeB: true, m: rows, n: n, k: k, alpha: 1,
                               a: x, lda: max(1, k), b: w, ldb: max(1, k), beta: 1, c: y, ldc: max(1, n))
                }
            }
        }
        return result.reshaped(Array(x.shape.dropLast()) + [n])
    }

    /// Accumulates dW += dyᵀ·x and db += Σ dy into `gradients` and returns dx = dy·W.
    public func backward(_ dy: Tensor, input x: Tensor, gradients: inout Linear) -> Tensor {
        precondition(dy.columns == outputSize && dy.rows == x.rows,
                     "Linear.backward: gradient \(dy.shape) does not match input \(x.shape) → \(outputSize)")
        let rows = x.rows, (n, k) = (outputSize, inputSize)
        var dx = Tensor(zeros: x.shape)
        dy.withUnsafeBufferPointer { dy in
            weight.withUnsafeBufferPointer { w in
                dx.withUnsafeMutableBufferPointer { dx in
                    BLAS.sgemm(transposeA: false, transposeB: false, m: rows, n: k, k: n, alpha: 1,
                               a: dy, lda: max(1, n), b: w, ldb: max(1, k), beta: 0, c: dx, ldc: max(1, k))
                }
            }
            x.withUnsafeBufferPointer { x in
                gradients.weight.withUnsafeMutableBufferPointer { dw in
                    BLAS.sgemm(transposeA: true, transposeB: false, m: n, n: k, k: rows, alpha: 1,
                               a: dy, lda: max(1, n), b: x, ldb: max(1, k), beta: 1, c: dw, ldc: max(1, k))
                }
            }
        }
        if bias != nil { BiasAdd.accumulateColumnSums(dy, into: &gradients.bias!) }
        return dx
    }
}
