extension ParameterGroup {
    /// The L2 norm of every parameter taken together (accumulated in double), e.g. of a
    /// gradient: `torch.nn.utils.clip_grad_norm_`'s total norm.
    public var globalNorm: Float {
        var sum = 0.0
        for parameter in parameters {
            self[keyPath: parameter.path].withUnsafeBufferPointer { values in
                for i in 0..<values.count { sum += Double(values[i]) * Double(values[i]) }
            }
        }
        return Float(sum.squareRoot())
    }

    /// Scales every parameter (of a gradient) by `maxNorm / (norm + 1e-6)` when that is below 1,
    /// as `torch.nn.utils.clip_grad_norm_(parameters, maxNorm)`, and returns the norm before
    /// clipping. A non-finite norm leaves the gradients as they are (torch would make them all
    /// NaN); the returned value lets the caller skip that update.
    @discardableResult
    public mutating func clipGlobalNorm(maxNorm: Float) -> Float {
        let norm = globalNorm
        // The 1e-6 is torch's: it keeps the coefficient finite for a zero gradient.
        let coefficient = maxNorm / (norm + 1e-6)
        guard norm.isFinite, coefficient < 1 else { return norm }
        for parameter in parameters {
            self[keyPath: parameter.path].withUnsafeMutableBufferPointer { values in
                for i in 0..<values.count { values[i] *= coefficient }
            }
        }
        return norm
    }
}
