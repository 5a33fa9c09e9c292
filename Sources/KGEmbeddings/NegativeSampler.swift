import Tensors

/// How a negative chooses which side of a positive to corrupt.
public enum CorruptionSampling: Sendable {
    /// Head or tail with probability ½ each.
    case uniform
    /// Bernoulli per relation (Wang et al., 2014): corrupt the head with probability
    /// tph / (tph + hpt), where tph is the mean number of tails per (head, relation) and hpt
    /// the mean number of heads per (relation, tail) in training.
    case bernoulli
}

/// Draws negatives by replacing the head or tail of a positive with an entity drawn uniformly
/// from all entities (no false-negative filtering, as PyKEEN's default). Deterministic: the
/// negatives of positive `i` in epoch `epoch` depend only on (seed, epoch, i).
public struct NegativeSampler: Sendable {
    /// Probability of corrupting the head, per relation.
    public let headProbability: [Float]
    /// Number of candidate entities.
    public let entityCount: Int

    /// Prepares the per-relation probabilities from the training triples.
    public init(train: [Triple], entityCount: Int, relationCount: Int, sampling: CorruptionSampling) {
        self.entityCount = entityCount
        switch sampling {
        case .uniform:
            headProbability = Array(repeating: 0.5, count: relationCount)
        case .bernoulli:
            var tails: [Int64: Int] = [:], heads: [Int64: Int] = [:]
            var count = [Int](repeating: 0, count: relationCount)
            for t in train {
                tails[Int64(t.head) << 32 | Int64(t.relation), default: 0] += 1
                heads[Int64(t.tail) << 32 | Int64(t.relation), default: 0] += 1
                count[Int(t.relation)] += 1
            }
            var hrGroups = [Int](repeating: 0, count: relationCount), rtGroups = hrGroups
            for key in tails.keys { hrGroups[Int(key & 0xffff_ffff)] += 1 }
            for key in heads.keys { rtGroups[Int(key & 0xffff_ffff)] += 1 }
            headProbability = (0..<relationCount).map { r in
                guard hrGroups[r] > 0, rtGroups[r] > 0 else { return 0.5 }
                let tph = Float(count[r]) / Float(hrGroups[r]), hpt = Float(count[r]) / Float(rtGroups[r])
                return tph / (tph + hpt)
            }
        }
    }

    /// A sampler that always corrupts the tail (instances of a reciprocal model).
    public init(tailsOnly entityCount: Int, relationCount: Int) {
        self.entityCount = entityCount
        headProbability = Array(repeating: 0, count: relationCount)
    }

    /// Writes k negatives of `positive` into `entities` / `corruptsHead`.
    @inline(__always)
    func sample(_ positive: Triple, k: Int, rng: inout SeededRandom,
                entities: UnsafeMutablePointer<Int32>, corruptsHead: UnsafeMutablePointer<Bool>) {
        let p = headProbability[Int(positive.relation)]
        for j in 0..<k {
            corruptsHead[j] = rng.nextUniform() < p
            entities[j] = Int32(rng.nextIndex(entityCount))
        }
    }
}
