import Tensors

/// TransE draws every random choice from Tensors' `SeededRandom` (SplitMix64), so training is
/// reproducible from one seed; these are the two draws it adds.
extension SeededRandom {
    /// A generator for sub-stream `stream` of `seed` (e.g. one per positive triple or batch),
    /// independent of thread scheduling.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SeededRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        self.init(seed: mixer.next())
    }

    /// Uniform in 0..<n (multiply-shift; bias negligible for n ≪ 2³²).
    mutating func nextIndex(_ n: Int) -> Int { Int(((next() >> 32) &* UInt64(n)) >> 32) }
}
