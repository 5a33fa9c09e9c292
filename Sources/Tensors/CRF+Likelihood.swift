extension CRF {
    /// log p(tags | emissions) = score(tags) − log Z per sequence, `[B]` (the training loss is its
    /// negative), with the posterior its backward pass needs.
    public func logLikelihood(_ emissions: Tensor, tags: [Int], mask: [Int]) -> (output: Tensor, posterior: Posterior) {
        let posterior = posterior(emissions, mask: mask)
        var output = score(emissions, tags: tags, mask: mask)
        output.withUnsafeMutableBufferPointer { output in
            posterior.logPartition.withUnsafeBufferPointer { logZ in
                for b in 0..<output.count { output[b] -= logZ[b] }
            }
        }
        return (output, posterior)
    }

    /// Accumulates the parameter gradients of Σ_b dy[b]·logLikelihood[b] into `gradients` and
    /// returns the emission gradient `[B, L, T]` (0 at padding).
    ///
    /// d log Z / dθ is the expected count of what θ scores, so each gradient is the gold path's
    /// count minus the posterior's: e.g. d/d e[t, k] = 1[y_t = k] − p(y_t = k | x).
    public func logLikelihoodBackward(_ dy: Tensor, tags: [Int], mask: [Int], posterior: Posterior,
                                      gradients: inout CRF) -> Tensor {
        let shape = posterior.marginals.shape
        let (batch, length, t) = (shape[0], shape[1], tagCount)
        precondition(dy.shape == [batch], "CRF.logLikelihoodBackward: gradient \(dy.shape) for a batch of \(batch)")
        let lengths = sequenceLengths(posterior.marginals, mask: mask)
        checkTags(tags, lengths: lengths, width: length)
        var dEmissions = Tensor(zeros: shape)
        dEmissions.withUnsafeMutableBufferPointer { dE in
            posterior.marginals.withUnsafeBufferPointer { marginals in
                for (b, n) in lengths.enumerated() {
                    let scale = dy.values[b]
                    for index in (b * length * t)..<((b * length + n) * t) { dE[index] = -scale * marginals[index] }
                    for step in 0..<n { dE[(b * length + step) * t + tags[b * length + step]] += scale }
                }
            }
        }
        gradients.accumulateBoundaryGradients(dy, marginals: posterior.marginals, tags: tags, lengths: lengths)
        gradients.accumulateTransitionGradients(dy, expected: posterior.expectedTransitions, tags: tags, lengths: lengths,
                                                width: length)
        return dEmissions
    }

    /// Start and end: the gold first (last) tag minus the marginal at the first (last) step.
    private mutating func accumulateBoundaryGradients(_ dy: Tensor, marginals: Tensor, tags: [Int], lengths: [Int]) {
        let (length, t) = (marginals.shape[1], tagCount)
        marginals.withUnsafeBufferPointer { marginals in
            startTransitions.withUnsafeMutableBufferPointer { dStart in
                endTransitions.withUnsafeMutableBufferPointer { dEnd in
                    for (b, n) in lengths.enumerated() {
                        let scale = dy.values[b]
                        let (first, last) = ((b * length) * t, (b * length + n - 1) * t)
                        for k in 0..<t {
                            dStart[k] -= scale * marginals[first + k]
                            dEnd[k] -= scale * marginals[last + k]
                        }
                        dStart[tags[b * length]] += scale
                        dEnd[tags[b * length + n - 1]] += scale
                    }
                }
            }
        }
    }

    /// Transitions: the gold path's transition counts minus the expected ones.
    private mutating func accumulateTransitionGradients(_ dy: Tensor, expected: Tensor, tags: [Int], lengths: [Int],
                                                        width length: Int) {
        let t = tagCount
        expected.withUnsafeBufferPointer { expected in
            transitions.withUnsafeMutableBufferPointer { dTransitions in
                for (b, n) in lengths.enumerated() {
                    let scale = dy.values[b]
                    let counts = expected.row(b, width: t * t)
                    for index in 0..<(t * t) { dTransitions[index] -= scale * counts[index] }
                    for step in 1..<n { dTransitions[tags[b * length + step - 1] * t + tags[b * length + step]] += scale }
                }
            }
        }
    }
}
