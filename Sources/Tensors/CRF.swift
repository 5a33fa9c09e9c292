/// A linear-chain conditional random field over `tagCount` tags, as pytorch-crf's
/// `CRF(num_tags, batch_first=True)`: emissions `[B, L, T]`, a mask `[B·L]` (1 = real,
/// 0 = padding, padding on the right, the first step real) and the path score
///
///     score(y) = start[y₀] + Σ_{t<n} e[t, y_t] + Σ_{0<t<n} transitions[y_{t−1}, y_t] + end[y_{n−1}].
///
/// The log-likelihood, partition, marginals and gradients are in `CRF+ForwardBackward.swift` and
/// `CRF+Likelihood.swift`, decoding in `CRF+Viterbi.swift`, the BIO constraints in
/// `CRF+Constraints.swift`.
public struct CRF: ParameterGroup {
    /// `[T]`: the score of a path starting in each tag.
    public var startTransitions: Tensor
    /// `[T]`: the score of a path ending in each tag.
    public var endTransitions: Tensor
    /// `[T, T]`: `transitions[i, j]` scores tag i at t−1 followed by tag j at t.
    public var transitions: Tensor
    /// Transitions no path may take (e.g. BIO's `O → I-PER`), or nil for none. Not a parameter:
    /// it applies to every score, partition, marginal and decoding this CRF computes.
    public var constraints: Constraints?

    public init(startTransitions: Tensor, endTransitions: Tensor, transitions: Tensor, constraints: Constraints? = nil) {
        let tags = startTransitions.count
        precondition(startTransitions.shape == [tags] && endTransitions.shape == [tags] && transitions.shape == [tags, tags],
                     "CRF: start \(startTransitions.shape), end \(endTransitions.shape), transitions \(transitions.shape) do not fit one tag count")
        precondition(constraints == nil || constraints!.tagCount == tags,
                     "CRF: constraints for \(constraints!.tagCount) tags, parameters for \(tags)")
        self.startTransitions = startTransitions
        self.endTransitions = endTransitions
        self.transitions = transitions
        self.constraints = constraints
    }

    /// A new CRF with every score drawn from U(−0.1, 0.1), as pytorch-crf's `reset_parameters`.
    public init(tagCount: Int, constraints: Constraints? = nil, generator: inout SeededRandom) {
        self.init(startTransitions: .uniform(shape: [tagCount], lower: -0.1, upper: 0.1, using: &generator),
                  endTransitions: .uniform(shape: [tagCount], lower: -0.1, upper: 0.1, using: &generator),
                  transitions: .uniform(shape: [tagCount, tagCount], lower: -0.1, upper: 0.1, using: &generator),
                  constraints: constraints)
    }

    /// T, the number of tags.
    public var tagCount: Int { startTransitions.count }

    /// pytorch-crf's names.
    public var parameters: [NamedParameter<CRF>] {
        [("start_transitions", \.startTransitions), ("end_transitions", \.endTransitions), ("transitions", \.transitions)]
    }

    /// The score of each sequence's path `tags` (`[B·L]`, ignored at padding): `[B]`.
    /// A path that takes a forbidden transition scores −∞.
    public func score(_ emissions: Tensor, tags: [Int], mask: [Int]) -> Tensor {
        let lengths = sequenceLengths(emissions, mask: mask)
        checkTags(tags, lengths: lengths, width: emissions.shape[1])
        let potentials = LogPotentials(self)
        let (length, t) = (emissions.shape[1], tagCount)
        return Tensor(shape: [lengths.count]) { out in
            emissions.withUnsafeBufferPointer { e in
                for (b, n) in lengths.enumerated() {
                    let base = b * length
                    var total = potentials.start[tags[base]] + potentials.end[tags[base + n - 1]]
                    for step in 0..<n {
                        let tag = tags[base + step]
                        total += Double(e[(base + step) * t + tag])
                        if step > 0 { total += potentials.transitions[tags[base + step - 1] * t + tag] }
                    }
                    out[b] = Float(total)
                }
            }
        }
    }
}

extension CRF {
    /// The log-potentials in double precision with the constraints applied (−∞ where forbidden).
    ///
    /// Every recursion runs in double: log-partitions reach ~30, where float32's spacing (2e-6)
    /// would already use up a fifth of the 1e-5 budget for marginals once exp magnifies it, and
    /// with 9 tags the extra cost is negligible next to the encoder.
    struct LogPotentials {
        let tagCount: Int
        let start: [Double], end: [Double]
        /// `[T·T]`, row-major from i to j.
        let transitions: [Double]

        init(_ crf: CRF) {
            tagCount = crf.tagCount
            let forbidden = -Double.infinity
            let allowedStart = crf.constraints?.startAllowed ?? Array(repeating: true, count: crf.tagCount)
            let allowed = crf.constraints?.allowed ?? Array(repeating: true, count: crf.tagCount * crf.tagCount)
            start = zip(crf.startTransitions.values, allowedStart).map { $1 ? Double($0) : forbidden }
            end = crf.endTransitions.values.map(Double.init)
            transitions = zip(crf.transitions.values, allowed).map { $1 ? Double($0) : forbidden }
        }
    }

    /// The real length of each sequence, from a right-padded mask whose first step is real
    /// (pytorch-crf's requirement), checked against emissions `[B, L, T]`.
    func sequenceLengths(_ emissions: Tensor, mask: [Int]) -> [Int] {
        precondition(emissions.rank == 3 && emissions.shape[2] == tagCount,
                     "CRF: emissions \(emissions.shape) must be [batch, length, \(tagCount)]")
        let (batch, length) = (emissions.shape[0], emissions.shape[1])
        precondition(mask.count == batch * length, "CRF: mask has \(mask.count) entries, emissions \(emissions.shape)")
        return (0..<batch).map { b in
            let row = mask[(b * length)..<(b * length + length)]
            let n = row.prefix { $0 != 0 }.count
            precondition(n > 0, "CRF: sequence \(b) has no real first step")
            precondition(row.dropFirst(n).allSatisfy { $0 == 0 }, "CRF: sequence \(b) is not padded on the right")
            return n
        }
    }

    /// Preconditions: `tags` has `[B·L]` entries and every real one names a tag.
    func checkTags(_ tags: [Int], lengths: [Int], width: Int) {
        precondition(tags.count == lengths.count * width, "CRF: tags has \(tags.count) entries, expected \(lengths.count)·\(width)")
        for (b, n) in lengths.enumerated() {
            precondition(tags[(b * width)..<(b * width + n)].allSatisfy { (0..<tagCount).contains($0) },
                         "CRF: sequence \(b) has a tag outside 0..<\(tagCount)")
        }
    }
}
