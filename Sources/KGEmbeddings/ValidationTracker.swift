/// Early stopping and learning-rate decay on the validation MRR (as LibKGE's early stopping and
/// PyTorch's ReduceLROnPlateau in mode `max`, which the CoDEx baselines use).
public struct ValidationTracker: Sendable, Equatable {
    /// Evaluations without a better MRR after which training stops.
    public var patience: Int
    /// Factor applied to the learning rate on a plateau (1: never decay).
    public var decayFactor: Float
    /// Evaluations without a better MRR tolerated before each decay.
    public var decayPatience: Int
    /// The best MRR so far (−1 before the first evaluation) and its epoch.
    public internal(set) var bestMRR = -1.0, bestEpoch = 0
    /// Evaluations since the best one.
    public internal(set) var stale = 0
    /// Evaluations without improvement since the best one or the last decay.
    public internal(set) var sinceDecay = 0

    public init(patience: Int, decayFactor: Float = 1, decayPatience: Int = 6) {
        self.patience = patience
        self.decayFactor = decayFactor
        self.decayPatience = decayPatience
    }

    /// Takes over the progress of `saved` (a resumed run), keeping this tracker's patience settings.
    public mutating func continueFrom(_ saved: ValidationTracker) {
        (bestMRR, bestEpoch, stale, sinceDecay) = (saved.bestMRR, saved.bestEpoch, saved.stale, saved.sinceDecay)
    }

    /// What to do after an evaluation.
    public struct Verdict: Sendable, Equatable {
        /// A new best: keep this model.
        public var improved: Bool
        /// Multiply the learning rate by ``ValidationTracker/decayFactor``.
        public var decay: Bool
        /// Patience exhausted: stop.
        public var stop: Bool
    }

    /// Records the validation MRR measured after `epoch`.
    public mutating func record(mrr: Double, epoch: Int) -> Verdict {
        if mrr > bestMRR {
            bestMRR = mrr
            bestEpoch = epoch
            stale = 0
            sinceDecay = 0
            return Verdict(improved: true, decay: false, stop: false)
        }
        stale += 1
        sinceDecay += 1
        let decay = decayFactor < 1 && sinceDecay > decayPatience
        if decay { sinceDecay = 0 }
        return Verdict(improved: false, decay: decay, stop: stale >= patience)
    }
}
