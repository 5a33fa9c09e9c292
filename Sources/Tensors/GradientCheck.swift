/// Finite-difference checks of backward passes.
///
/// The usual pattern: pick random weights w shaped like an op's output, take the scalar loss
/// `L = Σ w ⊙ forward(x)` (``weightedSum(_:_:)``, accumulated in double), run the backward pass
/// with `dy = w`, and compare its result with central differences of L.
public enum GradientCheck {
    /// How an analytic gradient compares with the numerical one over the checked entries.
    public struct Result: Sendable, CustomStringConvertible {
        /// `‖analytic − numerical‖ / max(‖analytic‖, ‖numerical‖)` (0 when both vanish):
        /// insensitive to the float32 noise in entries whose gradient is near 0.
        public let relativeError: Double
        public let maxAbsoluteError: Double
        /// The largest magnitude among the analytic and numerical entries.
        public let maxMagnitude: Double
        public let checkedCount: Int

        /// Whether the gradients agree: relative error below `relativeTolerance`, or, for a
        /// gradient that is truly zero (e.g. a key bias, which softmax's shift invariance
        /// cancels), both sides below `zeroTolerance` everywhere, where a relative error
        /// would only compare float32 noise with noise.
        public func agrees(relativeTolerance: Double = 1e-2, zeroTolerance: Double = 1e-3) -> Bool {
            relativeError < relativeTolerance || maxMagnitude < zeroTolerance
        }

        public var description: String {
            "relative error \(relativeError), max abs error \(maxAbsoluteError), largest entry \(maxMagnitude) over \(checkedCount) entries"
        }
    }

    /// Σ y ⊙ w in double precision; its gradient with respect to y is w.
    public static func weightedSum(_ y: Tensor, _ weights: Tensor) -> Double {
        precondition(y.shape == weights.shape, "GradientCheck.weightedSum: \(y.shape) vs \(weights.shape)")
        return y.withUnsafeBufferPointer { y in
            weights.withUnsafeBufferPointer { w in
                var sum = 0.0
                for i in 0..<y.count { sum += Double(y[i]) * Double(w[i]) }
                return sum
            }
        }
    }

    /// Central differences `(L(x + ε) − L(x − ε)) / (x₊ − x₋)` at the entries `indices` of `x`
    /// (all entries when nil), dividing by the perturbation float32 actually made.
    public static func numericalGradient(of loss: (Tensor) -> Double, at x: Tensor, indices: [Int]? = nil,
                                         epsilon: Float = 1e-2) -> [Double] {
        (indices ?? Array(0..<x.count)).map { index in
            var probe = x
            let original = x.values[index]
            let (up, down) = (original + epsilon, original - epsilon)
            probe.withUnsafeMutableBufferPointer { $0[index] = up }
            let lossUp = loss(probe)
            probe.withUnsafeMutableBufferPointer { $0[index] = down }
            let lossDown = loss(probe)
            return (lossUp - lossDown) / (Double(up) - Double(down))
        }
    }

    /// Compares `analytic` (the backward pass's gradient of `loss` at `x`) with central
    /// differences at `indices` (all entries when nil).
    public static func compare(analytic: Tensor, loss: (Tensor) -> Double, at x: Tensor, indices: [Int]? = nil,
                               epsilon: Float = 1e-2) -> Result {
        precondition(analytic.shape == x.shape, "GradientCheck.compare: gradient \(analytic.shape) vs input \(x.shape)")
        let checked = indices ?? Array(0..<x.count)
        let numerical = numericalGradient(of: loss, at: x, indices: checked, epsilon: epsilon)
        var difference = 0.0, analyticNorm = 0.0, numericalNorm = 0.0, maxError = 0.0, maxMagnitude = 0.0
        for (index, n) in zip(checked, numerical) {
            let a = Double(analytic.values[index])
            difference += (a - n) * (a - n)
            analyticNorm += a * a
            numericalNorm += n * n
            maxError = max(maxError, abs(a - n))
            maxMagnitude = max(maxMagnitude, abs(a), abs(n))
        }
        let scale = max(analyticNorm, numericalNorm).squareRoot()
        let relative = scale == 0 ? difference.squareRoot() : difference.squareRoot() / scale
        return Result(relativeError: relative.isNaN ? .infinity : relative, maxAbsoluteError: maxError,
                      maxMagnitude: maxMagnitude, checkedCount: checked.count)
    }
}
