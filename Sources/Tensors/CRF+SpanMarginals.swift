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
    /// partition of all paths. Z_span is the same forward recursion (in double precision) run on
    /// the sequence's emissions with every tag the query excludes at a position scored −∞, so the
    /// event is computed with the very potentials the likelihood, the marginals and the decoding
    /// use — no second recursion to keep in step. Cost: one forward pass, O(n·T²), per query.
    /// - Parameters:
    ///   - emissions: `[B, L, T]`.
    ///   - mask: `[B·L]`, right-padded, as for every CRF method.
    ///   - queries: one list per sequence; each span must lie within the sequence's real length.
    /// - Returns: one probability per query, in the queries' order; 0 for an event no allowed path
    ///   takes (e.g. a span starting with a tag the constraints forbid there).
    public func spanMarginals(_ emissions: Tensor, mask: [Int], queries: [[SpanQuery]]) -> [[Float]] {
        let lengths = sequenceLengths(emissions, mask: mask)
        precondition(queries.count == lengths.count, "CRF.spanMarginals: \(queries.count) query lists for \(lengths.count) sequences")
        let (length, t) = (emissions.shape[1], tagCount)
        let recursion = Recursion(crf: self, length: length)
        var restricted = [Float](repeating: 0, count: length * t)
        return emissions.withUnsafeBufferPointer { e in
            lengths.enumerated().map { b, n in
                let sequence = recursion.sequence(b, of: e)
                let logPartition = recursion.forward(sequence, length: n)
                return queries[b].map { query in
                    precondition(query.end <= n && query.tags.allSatisfy { (0..<t).contains($0) },
                                 "CRF.spanMarginals: span \(query.start)..<\(query.end) of sequence \(b) (length \(n)) "
                                    + "or its tags are out of range")
                    guard logPartition > -.infinity else { return 0 }
                    for index in 0..<(n * t) { restricted[index] = sequence[index] }
                    for (offset, tag) in query.tags.enumerated() {
                        let row = (query.start + offset) * t
                        for k in 0..<t where k != tag { restricted[row + k] = -.infinity }
                    }
                    if query.end < n {
                        for k in query.notFollowedBy { restricted[query.end * t + k] = -.infinity }
                    }
                    let logSpanPartition = restricted.withUnsafeBufferPointer { recursion.forward($0, length: n) }
                    return Float(Foundation.exp(logSpanPartition - logPartition))
                }
            }
        }
    }
}
