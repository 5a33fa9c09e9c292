extension CRF {
    /// Transitions a path may not take, applied as a score of −∞.
    ///
    /// **Decision**: the constraints apply everywhere, to the likelihood as well as to decoding:
    /// the partition sums over allowed paths only, so training and decoding see one distribution
    /// and no probability mass is spent on paths Viterbi could never return. Forbidden entries get
    /// exactly −∞ (not a large negative number), so they contribute exactly 0 to the partition and
    /// to the marginals, and their parameter gradients are exactly 0 for an allowed gold path.
    /// A gold path that takes a forbidden transition has log-likelihood −∞: check training data
    /// with ``permits(_:)`` (the Twitter data is valid BIO).
    public struct Constraints: Sendable, Equatable {
        /// `[T·T]`, row-major: whether tag i at t−1 may be followed by tag j at t.
        public let allowed: [Bool]
        /// `[T]`: whether a path may start in each tag.
        public let startAllowed: [Bool]

        public init(allowed: [Bool], startAllowed: [Bool]) {
            precondition(allowed.count == startAllowed.count * startAllowed.count,
                         "CRF.Constraints: \(allowed.count) transitions for \(startAllowed.count) tags")
            self.allowed = allowed
            self.startAllowed = startAllowed
        }

        /// The BIO rules over tag names such as `O`, `B-PER`, `I-PER`: `I-X` may only follow
        /// `B-X` or `I-X` and may not start a path. Every other tag is unconstrained.
        public static func bio(tags: [String]) -> Constraints {
            let inside = tags.map { $0.hasPrefix("I-") ? String($0.dropFirst(2)) : nil }
            let type = tags.map { $0.hasPrefix("B-") || $0.hasPrefix("I-") ? String($0.dropFirst(2)) : nil }
            let allowed = tags.indices.flatMap { i in
                tags.indices.map { j in inside[j] == nil || inside[j] == type[i] }
            }
            return Constraints(allowed: allowed, startAllowed: inside.map { $0 == nil })
        }

        /// T, the number of tags.
        public var tagCount: Int { startAllowed.count }

        /// Whether `path` (one sequence's tags, no padding) takes only allowed transitions.
        public func permits(_ path: [Int]) -> Bool {
            guard let first = path.first else { return true }
            return startAllowed[first] && zip(path, path.dropFirst()).allSatisfy { allowed[$0 * tagCount + $1] }
        }
    }
}
