/// Pillow's bicubic resampling weights along one axis (`precompute_coeffs` and
/// `normalize_coeffs_8bpc` in Pillow's `libImaging/Resample.c`), ported operation for operation
/// so the fixed-point weights — and therefore the resized bytes — are identical.
///
/// Output pixel `o` reads the input pixels `start(o) ..< start(o) + count(o)` with the
/// weights `weights(o)`, 22-bit fixed point summing to about `1 << 22`.
struct ResampleCoefficients {
    /// Fraction bits of the fixed-point weights: Pillow's `PRECISION_BITS = 32 - 8 - 2`,
    /// the most that keeps `255 · Σ|w|` inside Int32.
    static let precisionBits = 22

    /// The output pixels described, a window of the full output axis.
    let outputs: Range<Int>
    /// Room per output pixel in ``weights`` (Pillow's `ksize`).
    private let taps: Int
    private var starts: [Int] = []
    private var counts: [Int] = []
    private var fixedWeights: [Int32] = []

    /// Weights for resizing an axis of `inputSize` pixels to `outputSize`, computed only for
    /// the output pixels in `outputs` (each output pixel's weights are independent of the others).
    init(inputSize: Int, outputSize: Int, outputs: Range<Int>) {
        precondition(inputSize > 0 && outputSize > 0 && outputs.clamped(to: 0..<outputSize) == outputs,
                     "ResampleCoefficients: window \(outputs) of \(inputSize) → \(outputSize)")
        self.outputs = outputs
        // Pillow computes the box width `in1 - in0` in float, then divides in double.
        let scale = Double(Float(inputSize)) / Double(outputSize)
        // Downscaling widens the filter by the scale factor: this is the antialiasing.
        let filterScale = max(scale, 1)
        let support = Self.support * filterScale
        taps = Int(support.rounded(.up)) * 2 + 1
        let inverseFilterScale = 1 / filterScale
        var weights = [Double](repeating: 0, count: taps)
        for output in outputs {
            let center = (Double(output) + 0.5) * scale
            // `(int)(v + 0.5)` in C truncates toward zero; Int(_:) does the same.
            let start = max(Int(center - support + 0.5), 0)
            let count = min(Int(center + support + 0.5), inputSize) - start
            var total = 0.0
            for tap in 0..<count {
                // Same operation order as Pillow, so every double rounds the same way.
                let weight = Self.bicubic((Double(tap + start) - center + 0.5) * inverseFilterScale)
                weights[tap] = weight
                total += weight
            }
            for tap in 0..<taps {
                let normalized = tap < count && total != 0 ? weights[tap] / total : 0
                fixedWeights.append(Self.fixedPoint(normalized))
            }
            starts.append(start)
            counts.append(count)
        }
    }

    /// The first input pixel output pixel `output` reads.
    func start(_ output: Int) -> Int { starts[output - outputs.lowerBound] }

    /// How many input pixels output pixel `output` reads.
    func count(_ output: Int) -> Int { counts[output - outputs.lowerBound] }

    /// The input pixels all outputs in the window read together.
    var inputSpan: Range<Int> {
        guard !outputs.isEmpty else { return 0..<0 }
        return start(outputs.lowerBound)..<(start(outputs.upperBound - 1) + count(outputs.upperBound - 1))
    }

    /// Calls `body` with the weights of output pixel `output` (``count(_:)`` of them are used).
    func withWeights<R>(_ output: Int, _ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        let offset = (output - outputs.lowerBound) * taps
        return fixedWeights.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<(offset + taps)])) }
    }

    /// A weighted sum's starting value: one half in fixed point, so that ``clip8(_:)``'s
    /// truncating shift rounds to nearest.
    static let half = 1 << (precisionBits - 1)

    /// A fixed-point sum (started at ``half``) as a byte, clamped to 0…255 like Pillow's `clip8`.
    @inline(__always)
    static func clip8(_ sum: Int) -> UInt8 {
        UInt8(clamping: sum >> precisionBits)
    }

    /// Half-width of the bicubic kernel before antialias widening.
    private static let support = 2.0

    /// Keys' cubic convolution kernel with a = −0.5 (Pillow's `bicubic_filter`).
    private static func bicubic(_ value: Double) -> Double {
        let a = -0.5
        let x = abs(value)
        if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
        return 0
    }

    /// Rounds half away from zero by truncating `v ± 0.5`, as `normalize_coeffs_8bpc`.
    private static func fixedPoint(_ weight: Double) -> Int32 {
        let scaled = weight * Double(1 << precisionBits)
        return Int32(scaled < 0 ? -0.5 + scaled : 0.5 + scaled)
    }
}
