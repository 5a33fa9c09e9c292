import Foundation

extension CRF {
    /// A run of tags at consecutive positions of one sequence, and the tags the position after
    /// it may not carry: e.g. `B-PER I-PER I-PER` at 3…5, not followed by `I-PER`, is the event
    /// "positions 3…5 are exactly one PER entity".
    public struct SpanQuery: Hashable, Sendable {
        /// The first position.
        public let start: Int
        /// The tag of each position `start..<start + tags.count`; not empty.
        public let tags: [Int]
        /// Tags the position right after the span may not carry; ignored when the span ends the
        /// sequence.
        public let notFollowedBy: [Int]

        public init(start: Int, tags: [Int], notFollowedBy: [Int] = []) {
            precondition(start >= 0 && !tags.isEmpty, "CRF.SpanQuery: a span needs a position ≥ 0 and at least one tag")
            (self.start, self.tags, self.notFollowedBy) = (start, tags, notFollowedBy)
        }

        /// The position after the span.
        public var end: Int { start + tags.count }
    }

    /// The exact posterior probability of each query, `p(y_start…y_end−1 = tags, y_end ∉ notFollowedBy | x)`,
    /// under this CRF and its constraints.
    ///
    /// Each probability is Z_span / Z: the partition of the paths that satisfy the query over the
    /// partition of all paths. One forward–backward pass per sequence (in double precision, with
    /// the potentials the likelihood, the marginals and the decoding use) gives every query: the
    /// paths into the span's first tag are α at the step before it, the span's own steps are one
    /// fixed path, and the paths out of it are β after it, summed over the successors allowed.
    /// Cost: O(n·T²) per sequence, then O(span length + T) per query.
    /// - Parameters:
    ///   - emissions: `[B, L, T]`.
    ///   - mask: `[B·L]`, right-padded, as for every CRF method.
    ///   - queries: one list per sequence; each span must lie within the sequence's real length.
    /// - Returns: one probability per query, in the queries' order; 0 for an event no allowed path
    ///   takes (e.g. a span starting with a tag the constraints forbid there).
    public func spanMarginals(_ emissions: Tensor, mask: [Int], queries: [[SpanQuery]]) -> [[Float]] {
        let lengths = sequenceLengths(emissions, mask: mask)
        precondition(queries.count == lengths.count, "CRF.spanMarginals: \(queries.count) query lists for \(lengths.count) sequences")
        let t = tagCount
        let recursion = Recursion(crf: self, length: emissions.shape[1])
        return emissions.withUnsafeBufferPointer { e in
            lengths.enumerated().map { b, n in
                for query in queries[b] {
                    precondition(query.end <= n && query.tags.allSatisfy { (0..<t).contains($0) },
                                 "CRF.spanMarginals: span \(query.start)..<\(query.end) of sequence \(b) (length \(n)) "
                                    + "or its tags are out of range")
                }
                guard !queries[b].isEmpty else { return [] }
                let sequence = recursion.sequence(b, of: e)
                let logPartition = recursion.forward(sequence, length: n)
                guard logPartition > -.infinity else { return queries[b].map { _ in 0 } }
                recursion.backward(sequence, length: n)
                return queries[b].map { query in
                    Float(Foundation.exp(recursion.logSpanPartition(query, emissions: sequence, length: n) - logPartition))
                }
            }
        }
    }
}

extension CRF.Recursion {
    /// log Z_span: the log-sum-exp of the scores of the paths that satisfy `query`, from α and β
    /// of the sequence `e` of length `n` (``forward(_:length:)`` and ``backward(_:length:)`` run on it).
    func logSpanPartition(_ query: CRF.SpanQuery, emissions e: UnsafeBufferPointer<Float>, length n: Int) -> Double {
        let t = tagCount, first = query.tags[0], last = query.tags[query.tags.count - 1]
        var score: Double
        if query.start == 0 {
            score = potentials.start[first]
        } else {
            score = Self.logSumExp((0..<t).map { i in alpha[(query.start - 1) * t + i] + potentials.transitions[i * t + first] })
        }
        for (offset, tag) in query.tags.enumerated() {
            if offset > 0 { score += potentials.transitions[query.tags[offset - 1] * t + tag] }
            score += Double(e[(query.start + offset) * t + tag])
        }
        guard query.end < n else { return score + potentials.end[last] }
        let successors = (0..<t).filter { !query.notFollowedBy.contains($0) }
        return score + Self.logSumExp(successors.map { j in
            potentials.transitions[last * t + j] + Double(e[query.end * t + j]) + beta[query.end * t + j]
        })
    }
}
