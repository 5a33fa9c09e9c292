import Foundation

/// Links the mentions of one post to KG entities, or to NIL.
///
/// **Score** of candidate entity e for mention m, given the entities chosen for the post's other
/// mentions:
///
///     score = similarity·sim(m, e) + prior·log(1 + degree(e)) / log(1 + max degree)
///           + type·agree(m.type, classes(e)) + coherence·mean over other mentions n of relatedness(e, eₙ)
///
/// with sim from ``EntityIndex/candidates(for:limit:)`` (1 for an exact label), agree = +1 / −1 / 0
/// (``TypeAgreement``: agrees / disagrees / unknown) and relatedness the clipped cosine of TransE
/// vectors (``EntityIndex/relatedness(_:_:)``; 0 between an entity and itself). Every term lies
/// in [0, 1] or [−1, 1], so the weights compare directly.
///
/// **Joint search**: the post's mentions take their top candidates by the score without coherence
/// (K each, K^mentions ≤ ``searchBudget``) and every combination is scored by
/// Σ local scores + coherence/(n−1) · Σ over pairs relatedness; the best combination fixes the
/// others' entities for each mention's final scores (a mention that ends NIL still lends its
/// candidate as context: a type error of the tagger should not hide a coherent pair).
///
/// **NIL and confidence**: a mention is NIL when its best final score is below
/// ``Weights/nilThreshold``; otherwise its confidence is the softmax, at ``Weights/temperature``,
/// of its winner among all its candidates' final scores and NIL's (scored at the threshold).
/// Ties break by candidate order (similarity, degree, position), so linking is deterministic.
public struct EntityLinker: Sendable {
    /// The weights of the score's terms, the NIL threshold and the confidence temperature.
    public struct Weights: Codable, Sendable, Equatable {
        /// Weight of the label similarity in [0, 1].
        public var similarity: Float
        /// Weight of the log-degree prior in [0, 1].
        public var prior: Float
        /// Weight of the type agreement, +1 / −1 / 0.
        public var type: Float
        /// Weight of the mean TransE relatedness to the other mentions' entities, in [0, 1].
        public var coherence: Float
        /// The score under which a mention is NIL.
        public var nilThreshold: Float
        /// The softmax temperature of the linking confidence.
        public var temperature: Float

        /// Defaults chosen by hand (no training), looking at the Twitter-2017 validation mentions over
        /// DBpedia50 + DB100K: an exact label links when the type agrees (≥ 1.5 > 1.1) or is unknown
        /// and the entity central (1 + prior ≥ 1.1 from degree ≈ 20 of 2,000); an exact label whose
        /// classes disagree with the NER type is NIL unless coherence and prior lift it (1 − 0.5 + …);
        /// a surname or a name without its suffix (word containment 0.67–0.9) links when the type agrees;
        /// character near-misses (≤ 0.6) only with agreeing type plus prior or coherence; coherence
        /// (≤ 0.4) decides between homonyms of similar prior. Temperature 0.1: a score lead of 0.2
        /// gives about 88 % confidence between two candidates.
        public static let defaults = Weights(similarity: 1, prior: 0.25, type: 0.5, coherence: 0.4, nilThreshold: 1.1, temperature: 0.1)

        public init(similarity: Float, prior: Float, type: Float, coherence: Float, nilThreshold: Float, temperature: Float = 0.1) {
            self.similarity = similarity
            self.prior = prior
            self.type = type
            self.coherence = coherence
            self.nilThreshold = nilThreshold
            self.temperature = temperature
        }
    }

    /// The entities linked to.
    public let index: EntityIndex
    /// Which entity classes agree with which NER type.
    public let types: TypeAgreement
    /// The score's weights.
    public let weights: Weights
    /// How many candidates each mention gets from the index.
    public let candidateLimit: Int
    /// The most candidate combinations the joint search scores per post.
    public let searchBudget: Int

    public init(index: EntityIndex, types: TypeAgreement, weights: Weights = .defaults, candidateLimit: Int = 20, searchBudget: Int = 4096) {
        self.index = index
        self.types = types
        self.weights = weights
        self.candidateLimit = candidateLimit
        self.searchBudget = searchBudget
    }

    /// Links the mentions of ONE post jointly (coherence through the TransE vectors of the other
    /// mentions' candidates); one result per mention, in order.
    public func link(_ mentions: [Mention]) -> [LinkedMention] {
        let candidates = mentions.map { mention in
            index.candidates(for: mention.text, limit: candidateLimit).map { (entity: $0.entity, local: localScore(mention, $0.entity, $0.similarity)) }
        }
        let chosen = jointSearch(candidates)
        return mentions.indices.map { m in
            let others = chosen.indices.compactMap { $0 == m ? nil : chosen[$0] }
            let scores = candidates[m].map { $0.local + coherence($0.entity, others) }
            guard let winner = scores.indices.max(by: { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }),
                  scores[winner] >= weights.nilThreshold else {
                return LinkedMention(mention: mentions[m], entity: nil, linkingConfidence: nil, entityClasses: [])
            }
            let entity = index.entities[candidates[m][winner].entity]
            return LinkedMention(mention: mentions[m], entity: entity.iri,
                                 linkingConfidence: confidence(of: scores[winner], among: scores),
                                 entityClasses: entity.classes.sorted())
        }
    }

    /// The score of a candidate without coherence.
    func localScore(_ mention: Mention, _ entity: Int, _ similarity: Float) -> Float {
        let candidate = index.entities[entity]
        let prior = index.maximumDegree > 0 ? log1p(Float(candidate.degree)) / log1p(Float(index.maximumDegree)) : 0
        let agreement: Float = switch types.agrees(type: mention.type, classes: candidate.classes) {
        case true?: 1
        case false?: -1
        case nil: 0
        }
        return weights.similarity * similarity + weights.prior * prior + weights.type * agreement
    }

    /// The coherence term of `entity` given the entities chosen for the other mentions.
    func coherence(_ entity: Int, _ others: [Int]) -> Float {
        guard !others.isEmpty, weights.coherence != 0 else { return 0 }
        return weights.coherence * others.reduce(0) { $0 + relatedness(entity, $1) } / Float(others.count)
    }

    /// Relatedness of two mentions' entities; 0 for the same entity, so that two mentions of one
    /// name (or one wrong entity taken for both) do not vouch for each other.
    func relatedness(_ a: Int, _ b: Int) -> Float {
        a == b ? 0 : index.relatedness(a, b)
    }

    /// The best combination of top candidates (an entity per mention; `nil` for a mention without any).
    func jointSearch(_ candidates: [[(entity: Int, local: Float)]]) -> [Int?] {
        let linkable = candidates.indices.filter { !candidates[$0].isEmpty }
        var chosen = [Int?](repeating: nil, count: candidates.count)
        guard !linkable.isEmpty else { return chosen }
        var perMention = 1
        while linkable.count > 1, perMention < candidateLimit,
              pow(Double(perMention + 1), Double(linkable.count)) <= Double(searchBudget) { perMention += 1 }
        // Each mention's top candidates by local score (stable: candidate order breaks ties).
        let top = linkable.map { m in
            candidates[m].indices.sorted { candidates[m][$0].local > candidates[m][$1].local || (candidates[m][$0].local == candidates[m][$1].local && $0 < $1) }
                .prefix(perMention).map { candidates[m][$0] }
        }
        let pairWeight = linkable.count > 1 ? weights.coherence / Float(linkable.count - 1) : 0
        // Pair terms of every two top candidates, computed once (each is a d-dimensional cosine).
        let offsets = top.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let flat = top.flatMap { $0 }
        var pairTerms = [Float](repeating: 0, count: flat.count * flat.count)
        if pairWeight != 0 {
            for a in flat.indices { for b in flat.indices where b < a { pairTerms[a * flat.count + b] = pairWeight * relatedness(flat[a].entity, flat[b].entity) } }
        }
        var digits = [Int](repeating: 0, count: linkable.count), best: (value: Float, digits: [Int])?
        while true {
            var value: Float = 0
            for (slot, digit) in digits.enumerated() {
                let a = offsets[slot] + digit
                value += flat[a].local
                for other in 0..<slot { value += pairTerms[a * flat.count + offsets[other] + digits[other]] }
            }
            if best == nil || value > best!.value { best = (value, digits) }
            // Next combination, odometer style.
            var slot = 0
            while slot < digits.count {
                digits[slot] += 1
                if digits[slot] < top[slot].count { break }
                digits[slot] = 0
                slot += 1
            }
            if slot == digits.count { break }
        }
        for (slot, m) in linkable.enumerated() { chosen[m] = top[slot][best!.digits[slot]].entity }
        return chosen
    }

    /// Softmax probability of `score` among `scores` and NIL (scored at the threshold).
    func confidence(of score: Float, among scores: [Float]) -> Float {
        let all = scores + [weights.nilThreshold]
        let top = all.max()!
        let total = all.reduce(0) { $0 + exp(($1 - top) / weights.temperature) }
        return exp((score - top) / weights.temperature) / total
    }
}
