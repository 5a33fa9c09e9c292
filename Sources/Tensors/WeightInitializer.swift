/// Where a new layer's weight matrices and tables come from: draws from N(0, σ²) on a seeded
/// stream (training from scratch, as transformers initialises), or zeros as placeholders that a
/// checkpoint then overwrites without paying for millions of random draws. Biases start at 0
/// and LayerNorm at γ = 1, β = 0 either way.
public struct WeightInitializer: Sendable {
    private var generator: SeededRandom?
    public let standardDeviation: Float

    /// N(0, `standardDeviation`²) draws from the stream of `seed`.
    public static func normal(standardDeviation: Float = 0.02, seed: UInt64) -> WeightInitializer {
        WeightInitializer(generator: SeededRandom(seed: seed), standardDeviation: standardDeviation)
    }

    /// All zeros.
    public static let zeros = WeightInitializer(generator: nil, standardDeviation: 0)

    /// The next weight of the given shape.
    public mutating func weight(_ shape: [Int]) -> Tensor {
        guard generator != nil else { return Tensor(zeros: shape) }
        return .normal(shape: shape, standardDeviation: standardDeviation, using: &generator!)
    }
}
