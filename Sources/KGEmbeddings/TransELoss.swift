/// Training losses of TransE. Both are written in terms of the distance d = −s = ‖h + r − t‖_p.
public enum TransELoss: Sendable {
    /// Margin ranking loss `max(0, γ − s(pos) + s(neg))`, averaged over all (positive, negative) pairs.
    case marginRanking(margin: Float)
    /// Self-adversarial negative sampling loss (RotatE; PyKEEN's NSSALoss):
    /// `−log σ(γ − d_pos) − Σ_j w_j log σ(d_neg_j − γ)` with `w = softmax(−α·d_neg)` over the
    /// positive's negatives, treated as constants in the gradient; averaged over positives.
    case selfAdversarial(margin: Float, temperature: Float)
    /// Softmax cross-entropy of the positive against its negatives (LibKGE's `kl` loss, used by
    /// the CoDEx baselines): `−s_pos + log Σ_{j ∈ {pos} ∪ negs} exp(s_j)` with s = −d; averaged
    /// over positives.
    case softmaxCrossEntropy
}

/// Negative triples of a batch, `perPositive` of them per positive, stored flat: negative j of
/// positive i is at `i * perPositive + j`, replacing the head (if `corruptsHead`) or the tail
/// of the positive by `entities[...]`.
public struct NegativeBatch: Sendable {
    /// Negatives per positive (k).
    public var perPositive: Int
    /// The replacement entity of each negative.
    public var entities: [Int32]
    /// Whether each negative replaces the head (true) or the tail (false).
    public var corruptsHead: [Bool]

    /// Wraps flat arrays of `positives × perPositive` entries.
    public init(perPositive: Int, entities: [Int32], corruptsHead: [Bool]) {
        precondition(entities.count == corruptsHead.count)
        self.perPositive = perPositive
        self.entities = entities
        self.corruptsHead = corruptsHead
    }

    /// Describes explicit negative triples, each differing from `positives[i / perPositive]`
    /// in exactly its head or its tail (as the fixture's negatives do).
    public init(positives: [Triple], negatives: [Triple], perPositive: Int) {
        precondition(negatives.count == positives.count * perPositive)
        var entities: [Int32] = []
        var heads: [Bool] = []
        for (n, negative) in negatives.enumerated() {
            let positive = positives[n / perPositive]
            precondition(negative.relation == positive.relation, "a negative keeps the relation")
            if negative.tail == positive.tail {
                entities.append(negative.head); heads.append(true)
            } else {
                precondition(negative.head == positive.head, "a negative changes the head or the tail, not both")
                entities.append(negative.tail); heads.append(false)
            }
        }
        self.init(perPositive: perPositive, entities: entities, corruptsHead: heads)
    }
}

/// Loss value and exact gradients of a batch (see ``TransEModel/lossAndGradients(positives:negatives:loss:)``).
public struct LossGradients: Sendable {
    /// The batch loss (mean over pairs for margin ranking, over positives for self-adversarial).
    public var loss: Float
    /// The unaveraged loss of each positive (for margin ranking, the sum over its pairs).
    public var perPositive: [Float]
    /// ∂loss/∂entity table, E × d.
    public var entityGradient: [Float]
    /// ∂loss/∂relation table, R × d.
    public var relationGradient: [Float]
}

extension TransELoss {
    /// The factor turning per-positive sums into the batch mean (`pairs`: positive–negative pairs).
    func meanScale(positives: Int, pairs: Int) -> Float {
        switch self {
        case .marginRanking: return 1 / Float(pairs)
        case .selfAdversarial, .softmaxCrossEntropy: return 1 / Float(positives)
        }
    }
}

/// softplus(x) = log(1 + eˣ) and σ(x) from one exp(−|x|), both stable for any x.
struct LogisticTerms {
    let softplus: Float
    let sigmoid: Float

    @inline(__always)
    init(_ x: Float) {
        let u = Foundation.expf(-Swift.abs(x))
        softplus = max(x, 0) + Foundation.log1pf(u)
        sigmoid = (x >= 0 ? 1 : u) / (1 + u)
    }
}

extension Float {
    @inline(__always) func expf() -> Float { Float(Foundation.exp(Double(self))) }
}

import Foundation
