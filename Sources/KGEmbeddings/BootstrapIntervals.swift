import Tensors

/// Percentile bootstrap confidence intervals of the rank metrics of an evaluation (how far MRR
/// and Hits@k could move on another sample of triples of the same size: a figure inside the
/// interval is within the sampling error of ours), or of the difference between two evaluations.
public struct MetricIntervals: Sendable, Equatable {
    /// The two-sided coverage, e.g. 0.95.
    public var confidence: Double
    /// Resamples drawn.
    public var resamples: Int
    /// Intervals of MRR and Hits@1/3/10.
    public var meanReciprocalRank: ClosedRange<Double>
    public var hitsAt1: ClosedRange<Double>, hitsAt3: ClosedRange<Double>, hitsAt10: ClosedRange<Double>
}

extension EvaluationResult {
    /// Bootstrap intervals of the metrics of the given kind over both sides (`side == nil`) or one.
    ///
    /// Triples are resampled with replacement, each keeping both of its ranks, since a triple's
    /// head and tail ranks are not independent. Deterministic for a seed.
    /// - Precondition: `resamples > 0`, `0 < confidence < 1`.
    public func bootstrapIntervals(_ kind: RankKind = .realistic, side: RankSide? = nil, resamples: Int,
                                   confidence: Double = 0.95, seed: UInt64 = 1) -> MetricIntervals {
        let drawn = Self.resampledMetrics([rankSums(kind, side: side)], resamples: resamples, seed: seed)[0]
        return MetricIntervals(drawn, confidence: confidence)
    }

    /// Paired bootstrap intervals of this evaluation's metrics minus `baseline`'s on the same
    /// triples: both are resampled with the same triples, so what the two models share (hard and
    /// easy triples) cancels. An interval above 0 says this model is better on such samples.
    /// - Precondition: both rank the same triples in the same order; `resamples > 0`.
    public func pairedDifference(from baseline: EvaluationResult, _ kind: RankKind = .realistic, side: RankSide? = nil,
                                 resamples: Int, confidence: Double = 0.95, seed: UInt64 = 1) -> MetricIntervals {
        precondition(records.map(\.triple) == baseline.records.map(\.triple), "paired evaluations rank the same triples")
        let drawn = Self.resampledMetrics([rankSums(kind, side: side), baseline.rankSums(kind, side: side)],
                                          resamples: resamples, seed: seed)
        let differences = zip(drawn[0], drawn[1]).map { mine, theirs in zip(mine, theirs).map { $0 - $1 } }
        return MetricIntervals(differences, confidence: confidence)
    }

    /// The rank sums of each triple (records come as the tail then the head rank of each triple).
    fileprivate func rankSums(_ kind: RankKind, side: RankSide?) -> [RankSums] {
        var perTriple = [RankSums](repeating: RankSums(), count: (records.count + 1) / 2)
        for (position, record) in records.enumerated() where side == nil || record.side == side {
            perTriple[position / 2].add(rank: record.rank(kind))
        }
        return perTriple
    }

    /// For each evaluation, its four metrics (MRR, Hits@1/3/10) on each of `resamples` draws of
    /// the triples with replacement, the same draws for every evaluation: `[evaluation][metric][draw]`.
    private static func resampledMetrics(_ evaluations: [[RankSums]], resamples: Int, seed: UInt64) -> [[[Double]]] {
        precondition(resamples > 0)
        let n = evaluations[0].count
        var drawn = Array(repeating: Array(repeating: [Double](), count: 4), count: evaluations.count)
        var rng = SeededRandom(seed: seed)
        var draw = [Int](repeating: 0, count: n)
        for _ in 0..<resamples {
            for i in 0..<n { draw[i] = rng.nextIndex(n) }
            for (e, perTriple) in evaluations.enumerated() {
                var total = RankSums()
                for i in draw { total.add(perTriple[i]) }
                let metrics = RankingMetrics(total)
                for (metric, value) in [metrics.meanReciprocalRank, metrics.hitsAt1, metrics.hitsAt3, metrics.hitsAt10].enumerated() {
                    drawn[e][metric].append(value)
                }
            }
        }
        return drawn
    }
}

extension MetricIntervals {
    /// Percentile intervals of draws given as `[metric][draw]` (MRR, Hits@1/3/10).
    fileprivate init(_ draws: [[Double]], confidence: Double) {
        precondition(confidence > 0 && confidence < 1)
        let tail = (1 - confidence) / 2
        let intervals = draws.map { values -> ClosedRange<Double> in
            let sorted = values.sorted()
            func quantile(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.down)))] }
            return quantile(tail)...quantile(1 - tail)
        }
        self.init(confidence: confidence, resamples: draws[0].count, meanReciprocalRank: intervals[0],
                  hitsAt1: intervals[1], hitsAt3: intervals[2], hitsAt10: intervals[3])
    }
}
