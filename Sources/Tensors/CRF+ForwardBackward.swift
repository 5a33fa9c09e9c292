import Foundation

extension CRF {
    /// What the forward–backward algorithm knows about each sequence's tag distribution
    /// p(y | x): the quantities the likelihood's gradient and per-span confidences need.
    public struct Posterior: Sendable {
        /// `[B]`: log Z, the log-sum-exp of the scores of every (allowed) path.
        public let logPartition: Tensor
        /// `[B, L, T]`: p(y_t = k | x); 0 at padding.
        public let marginals: Tensor
        /// `[B, T, T]`: Σ_{0<t<n} p(y_{t−1} = i, y_t = j | x), the expected number of times each
        /// transition is taken.
        public let expectedTransitions: Tensor
    }

    /// log Z per sequence, `[B]`, by the forward algorithm alone.
    public func logPartition(_ emissions: Tensor, mask: [Int]) -> Tensor {
        let lengths = sequenceLengths(emissions, mask: mask)
        let recursion = Recursion(crf: self, length: emissions.shape[1])
        return Tensor(shape: [lengths.count]) { out in
            emissions.withUnsafeBufferPointer { e in
                for (b, n) in lengths.enumerated() { out[b] = Float(recursion.forward(recursion.sequence(b, of: e), length: n)) }
            }
        }
    }

    /// The forward–backward algorithm in log space: partition, marginals and expected transitions.
    public func posterior(_ emissions: Tensor, mask: [Int]) -> Posterior {
        let lengths = sequenceLengths(emissions, mask: mask)
        let (batch, length, t) = (lengths.count, emissions.shape[1], tagCount)
        let recursion = Recursion(crf: self, length: length)
        var logPartition = Tensor(zeros: [batch])
        var marginals = Tensor(zeros: emissions.shape)
        var expected = Tensor(zeros: [batch, t, t])
        emissions.withUnsafeBufferPointer { e in
            logPartition.withUnsafeMutableBufferPointer { logZ in
                marginals.withUnsafeMutableBufferPointer { marginals in
                    expected.withUnsafeMutableBufferPointer { expected in
                        for (b, n) in lengths.enumerated() {
                            let sequence = recursion.sequence(b, of: e)
                            let z = recursion.forward(sequence, length: n)
                            recursion.backward(sequence, length: n)
                            logZ[b] = Float(z)
                            recursion.marginals(sequence, length: n, logPartition: z,
                                                into: marginals.row(b, width: length * t), expected: expected.row(b, width: t * t))
                        }
                    }
                }
            }
        }
        return Posterior(logPartition: logPartition, marginals: marginals, expectedTransitions: expected)
    }
}

extension CRF {
    /// The α and β tables of one sequence at a time, reused across a batch.
    /// α[t, j] = log Σ over paths y₀…y_t with y_t = j of their score so far (emission at t included);
    /// β[t, i] = log Σ over continuations from y_t = i to the end (end transition included).
    ///
    /// Each step shifts the previous step's table by its maximum and sums with exp(transitions −
    /// their maximum), computed once: T exps and T logs a step instead of T² exps, and no overflow
    /// whatever the potentials (forbidden transitions are exp(−∞) = 0, so constraints need no
    /// special case).
    final class Recursion {
        let potentials: LogPotentials
        let tagCount: Int, length: Int
        private(set) var alpha: [Double]
        private(set) var beta: [Double]
        /// `[T·T]`: exp(transition − `transitionShift`).
        private let transitionWeights: [Double]
        /// The largest allowed transition potential (0 when none is allowed).
        private let transitionShift: Double
        /// One value per tag: the final log-sum-exp's terms, and each backward step's before its shift.
        private var candidates: [Double]
        /// The previous (next) step's table, shifted by its maximum and exponentiated.
        private var shifted: [Double]

        init(crf: CRF, length: Int) {
            potentials = LogPotentials(crf)
            tagCount = crf.tagCount
            self.length = length
            alpha = [Double](repeating: 0, count: length * tagCount)
            beta = alpha
            let largest = potentials.transitions.max() ?? -.infinity
            let transitionShift = largest > -.infinity ? largest : 0
            self.transitionShift = transitionShift
            transitionWeights = potentials.transitions.map { Foundation.exp($0 - transitionShift) }
            candidates = [Double](repeating: 0, count: tagCount)
            shifted = candidates
        }

        /// Sequence `b`'s emissions `[L·T]` within a batch `[B, L, T]`.
        func sequence(_ b: Int, of emissions: UnsafeBufferPointer<Float>) -> UnsafeBufferPointer<Float> {
            emissions.row(b, width: length * tagCount)
        }

        /// Fills α for the first `n` steps and returns log Z.
        func forward(_ e: UnsafeBufferPointer<Float>, length n: Int) -> Double {
            let t = tagCount
            for j in 0..<t { alpha[j] = potentials.start[j] + Double(e[j]) }
            for step in 1..<n {
                let offset = shift(alpha, from: (step - 1) * t) + transitionShift
                for j in 0..<t {
                    var sum = 0.0
                    for i in 0..<t { sum += shifted[i] * transitionWeights[i * t + j] }
                    alpha[step * t + j] = offset + Foundation.log(sum) + Double(e[step * t + j])
                }
            }
            for j in 0..<t { candidates[j] = alpha[(n - 1) * t + j] + potentials.end[j] }
            return Self.logSumExp(candidates)
        }

        /// Fills β for the first `n` steps.
        func backward(_ e: UnsafeBufferPointer<Float>, length n: Int) {
            let t = tagCount
            for i in 0..<t { beta[(n - 1) * t + i] = potentials.end[i] }
            for step in stride(from: n - 2, through: 0, by: -1) {
                let next = (step + 1) * t
                for j in 0..<t { candidates[j] = Double(e[next + j]) + beta[next + j] }
                let offset = shift(candidates, from: 0) + transitionShift
                for i in 0..<t {
                    var sum = 0.0
                    for j in 0..<t { sum += transitionWeights[i * t + j] * shifted[j] }
                    beta[step * t + i] = offset + Foundation.log(sum)
                }
            }
        }

        /// Writes exp(table[offset + i] − m) into `shifted` and returns m, the maximum of the T
        /// entries; when all are −∞, m is 0 and `shifted` all 0, so the step's sums give −∞.
        private func shift(_ table: [Double], from offset: Int) -> Double {
            var maximum = -Double.infinity
            for i in 0..<tagCount { maximum = Swift.max(maximum, table[offset + i]) }
            let pivot = maximum > -.infinity ? maximum : 0
            for i in 0..<tagCount { shifted[i] = Foundation.exp(table[offset + i] - pivot) }
            return pivot
        }

        /// Writes p(y_t = k) for t < n into `marginals` (`[L·T]`, padding left as it is) and
        /// adds the pairwise marginals of every step into `expected` (`[T·T]`), from α and β.
        func marginals(_ e: UnsafeBufferPointer<Float>, length n: Int, logPartition z: Double,
                       into marginals: UnsafeMutableBufferPointer<Float>, expected: UnsafeMutableBufferPointer<Float>) {
            let t = tagCount
            for index in 0..<(n * t) { marginals[index] = Float(Foundation.exp(alpha[index] + beta[index] - z)) }
            for step in 1..<n {
                for i in 0..<t {
                    let from = alpha[(step - 1) * t + i] - z
                    for j in 0..<t {
                        let pair = from + potentials.transitions[i * t + j] + Double(e[step * t + j]) + beta[step * t + j]
                        expected[i * t + j] += Float(Foundation.exp(pair))
                    }
                }
            }
        }

        /// log Σ exp(values), shifted by the maximum; −∞ when every value is −∞ or there is none.
        static func logSumExp(_ values: [Double]) -> Double {
            let maximum = values.max() ?? -.infinity
            guard maximum > -.infinity else { return maximum }
            var sum = 0.0
            for value in values { sum += Foundation.exp(value - maximum) }
            return maximum + Foundation.log(sum)
        }
    }
}
