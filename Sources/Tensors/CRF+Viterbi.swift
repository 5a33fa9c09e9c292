extension CRF {
    /// The highest-scoring path of each sequence (Viterbi), with its score `[B]`.
    ///
    /// Paths have each sequence's real length. Ties go to the lowest tag index, as pytorch-crf's
    /// `torch.max` does, both for the best predecessor and for the best last tag. The constraints,
    /// when present, exclude forbidden transitions; a path that respects them scores the same
    /// with or without them.
    public func decode(_ emissions: Tensor, mask: [Int]) -> (paths: [[Int]], scores: Tensor) {
        let lengths = sequenceLengths(emissions, mask: mask)
        let (length, t) = (emissions.shape[1], tagCount)
        let potentials = LogPotentials(self)
        var best = [Double](repeating: 0, count: t), next = best
        // backpointers[step·T + j]: the best predecessor of tag j at step.
        var backpointers = [Int](repeating: 0, count: length * t)
        var paths: [[Int]] = []
        var scores = Tensor(zeros: [lengths.count])
        emissions.withUnsafeBufferPointer { e in
            for (b, n) in lengths.enumerated() {
                let sequence = e.row(b, width: length * t)
                for j in 0..<t { best[j] = potentials.start[j] + Double(sequence[j]) }
                for step in 1..<n {
                    for j in 0..<t {
                        var (argmax, maximum) = (0, best[0] + potentials.transitions[j])
                        for i in 1..<t where best[i] + potentials.transitions[i * t + j] > maximum {
                            (argmax, maximum) = (i, best[i] + potentials.transitions[i * t + j])
                        }
                        next[j] = maximum + Double(sequence[step * t + j])
                        backpointers[step * t + j] = argmax
                    }
                    swap(&best, &next)
                }
                for j in 0..<t { best[j] += potentials.end[j] }
                var tag = 0
                for j in 1..<t where best[j] > best[tag] { tag = j }
                scores[b] = Float(best[tag])
                var path = [tag]
                for step in stride(from: n - 1, to: 0, by: -1) {
                    tag = backpointers[step * t + tag]
                    path.append(tag)
                }
                paths.append(path.reversed())
            }
        }
        return (paths, scores)
    }
}
