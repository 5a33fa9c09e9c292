/// Inverted dropout: each element is kept with probability 1 − p and scaled by 1/(1 − p), so
/// nothing changes at inference. The mask comes from a seed, so a training step reproduces.
public enum Dropout {
    /// The scaled keep mask: 0 with probability `p`, else 1/(1 − p).
    public static func mask(shape: [Int], probability p: Float, seed: UInt64) -> Tensor {
        precondition(p >= 0 && p < 1, "Dropout: probability must be in [0, 1), got \(p)")
        var generator = SeededRandom(seed: seed)
        let keep = 1 / (1 - p)
        return Tensor(shape: shape) { mask in
            for i in 0..<mask.count { mask[i] = generator.nextUniform() < p ? 0 : keep }
        }
    }

    /// The mask for a training pass, or nil when there is nothing to drop: at inference
    /// (`seed` nil) or with `p` = 0.
    public static func trainingMask(shape: [Int], probability p: Float, seed: UInt64?) -> Tensor? {
        guard let seed, p > 0 else { return nil }
        return mask(shape: shape, probability: p, seed: seed)
    }

    /// `x ⊙ mask`.
    public static func forward(_ x: Tensor, mask: Tensor) -> Tensor {
        Multiply.forward(x, mask)
    }

    /// `dy ⊙ mask`: dropped elements get no gradient.
    public static func backward(_ dy: Tensor, mask: Tensor) -> Tensor {
        Multiply.forward(dy, mask)
    }
}
