import Foundation

/// A deterministic random number generator (SplitMix64): the same seed gives the same stream on
/// every platform, so initialisation and dropout masks reproduce exactly.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// The second normal of the last Box–Muller pair, handed out by the next ``nextNormal()``.
    private var spareNormal: Float?

    public init(seed: UInt64) {
        state = seed
    }

    /// A seed for an independent stream `stream` of `seed`, e.g. one per layer or dropout site,
    /// so that a site's mask does not depend on how many numbers other sites drew.
    public static func derive(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var generator = SeededRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return generator.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) with 24 random bits.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal value (Box–Muller in double precision).
    public mutating func nextNormal() -> Float {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53  // (0, 1]: log(u1) is finite
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = Float(radius * sin(angle))
        return Float(radius * cos(angle))
    }
}

extension Tensor {
    /// A tensor of independent normal values with the given mean and standard deviation.
    public static func normal(shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                              using generator: inout SeededRandom) -> Tensor {
        Tensor(shape: shape) { buffer in
            for i in 0..<buffer.count { buffer[i] = mean + standardDeviation * generator.nextNormal() }
        }
    }

    /// A tensor of independent values uniform in [lower, upper).
    public static func uniform(shape: [Int], lower: Float = 0, upper: Float = 1,
                               using generator: inout SeededRandom) -> Tensor {
        Tensor(shape: shape) { buffer in
            for i in 0..<buffer.count { buffer[i] = lower + (upper - lower) * generator.nextUniform() }
        }
    }
}
