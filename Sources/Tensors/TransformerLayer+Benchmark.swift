extension TransformerLayer {
    /// Timings of one layer's forward and backward pass.
    public struct Benchmark: Sendable, CustomStringConvertible {
        /// Best of the timed repeats, in seconds.
        public let forwardSeconds: Double, backwardSeconds: Double
        /// Matrix-product flops of one forward plus backward pass (the backward counts twice
        /// the forward: a gradient for each operand of every product).
        public let flops: Double

        public var gflopsPerSecond: Double { flops / (forwardSeconds + backwardSeconds) / 1e9 }

        public var description: String {
            let ms = { (seconds: Double) in (seconds * 1e4).rounded() / 10 }
            return "forward \(ms(forwardSeconds)) ms, backward \(ms(backwardSeconds)) ms, "
                + "\((flops / 1e8).rounded() / 10) GFLOP, \((gflopsPerSecond * 10).rounded() / 10) GFLOP/s"
        }
    }

    /// Times forward and backward of a randomly initialised GELU layer with dropout 0.1 on
    /// random input with a padding mask, after one untimed pass; defaults are batch 32 × 48
    /// tokens of a 384-wide, 12-head model (MiniLM's shape).
    public static func benchmark(batch: Int = 32, tokens: Int = 48, width: Int = 384, heads: Int = 12,
                                 intermediateSize: Int = 1536, repeats: Int = 3) -> Benchmark {
        var initializer = WeightInitializer.normal(seed: 1)
        let layer = TransformerLayer(width: width, heads: heads, intermediateSize: intermediateSize, activation: .gelu,
                                     epsilon: 1e-12, dropoutProbability: 0.1, attentionDropoutProbability: 0.1,
                                     names: .bert, initializer: &initializer)
        var generator = SeededRandom(seed: 2)
        let x = Tensor.normal(shape: [batch, tokens, width], using: &generator)
        let dy = Tensor.normal(shape: [batch, tokens, width], using: &generator)
        // The last quarter of every other sequence is padding.
        let mask = Attention.additiveMask(Tensor(shape: [batch, tokens], values: (0..<(batch * tokens)).map { index in
            (index / tokens) % 2 == 1 && index % tokens >= tokens * 3 / 4 ? 0 : 1
        }))
        var gradients = layer.zeroGradients()
        var forward = Double.infinity, backward = Double.infinity
        for repeat_ in 0...repeats {
            var cache: Cache?
            let forwardTime = ContinuousClock().measure { cache = layer.forward(x, keyMask: mask, dropoutSeed: 2).cache }
            let backwardTime = ContinuousClock().measure { _ = layer.backward(dy, cache: cache!, gradients: &gradients) }
            if repeat_ > 0 {
                forward = min(forward, seconds(forwardTime))
                backward = min(backward, seconds(backwardTime))
            }
        }
        let tokenCount = Double(batch * tokens), h = Double(width)
        let forwardFlops = 2 * tokenCount * (4 * h * h + 2 * h * Double(intermediateSize))
            + 4 * Double(batch) * Double(tokens) * Double(tokens) * h
        return Benchmark(forwardSeconds: forward, backwardSeconds: backward, flops: 3 * forwardFlops)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
