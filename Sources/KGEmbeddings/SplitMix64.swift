/// SplitMix64: a small, fast, seedable generator; every random choice in this module uses it,
/// so training is reproducible from one seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the stream at `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for sub-stream `index` of `seed` (e.g. one per positive triple), independent
    /// of thread scheduling.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in 0..<n (multiply-shift; bias negligible for n ≪ 2³²).
    public mutating func nextIndex(_ n: Int) -> Int { Int(((next() >> 32) &* UInt64(n)) >> 32) }
}
