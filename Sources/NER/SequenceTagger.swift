import Tensors

/// A text encoder with a linear layer over its hidden states and a CRF on top: the text-only
/// tagger (CoAtt-NER without KG and image). Emissions are scored on every sub-word position the
/// mask marks.
public struct SequenceTagger: ParameterGroup {
    public var encoder: TextEncoder
    public var head: Linear
    public var crf: CRF

    public init(encoder: TextEncoder, tagCount: Int, seed: UInt64) {
        var initializer = WeightInitializer.normal(standardDeviation: encoder.config.initializerRange, seed: seed)
        var random = SeededRandom(seed: seed &+ 1)
        self.encoder = encoder
        head = Linear(inputSize: encoder.config.hiddenSize, outputSize: tagCount, initializer: &initializer)
        crf = CRF(tagCount: tagCount, generator: &random)
    }

    public var parameters: [NamedParameter<SequenceTagger>] {
        parameters(of: \.encoder, prefix: "encoder") + parameters(of: \.head, prefix: "classifier")
            + parameters(of: \.crf, prefix: "crf")
    }

    /// The mean negative log-likelihood of `tags` (`[size·length]`, one per position) over the
    /// batch, and the gradients of every parameter.
    /// - Parameters:
    ///   - scoredMask: `[size·length]`, 1 where a tag is scored (a prefix of each row).
    ///   - packed: run the encoder and head on the real tokens only (``TextEncoder``'s packed
    ///     mode), skipping padding; used when the batch is right-padded and only real tokens are
    ///     scored, otherwise the padded path runs. The loss and gradients are the same up to float32
    ///     rounding (dropout masks differ in training).
    public func lossAndGradients(_ batch: TokenBatch, tags: [Int], scoredMask: [Int],
                                 dropoutSeed: UInt64?, packed: Bool = true) -> (loss: Float, gradients: SequenceTagger) {
        var gradients = zeroGradients()
        let packable = packed && Self.isRightPadded(batch) && zip(scoredMask, batch.attentionMask).allSatisfy { $0 == 0 || $1 != 0 }
        let (output, cache) = encoder.forward(batch, dropoutSeed: dropoutSeed, packed: packable)
        let hidden = output.packedLastHiddenState
        let emissions = output.packing.map { $0.scatter(head.forward(hidden)) } ?? head.forward(hidden)
        let (logLikelihood, posterior) = crf.logLikelihood(emissions, tags: tags, mask: scoredMask)
        let loss = -logLikelihood.values.reduce(0, +) / Float(batch.size)
        let dLogLikelihood = Tensor(shape: [batch.size], values: [Float](repeating: -1 / Float(batch.size), count: batch.size))
        let dEmissions = crf.logLikelihoodBackward(dLogLikelihood, tags: tags, mask: scoredMask, posterior: posterior,
                                                   gradients: &gradients.crf)
        let dHidden = head.backward(output.packing.map { $0.gather(dEmissions) } ?? dEmissions, input: hidden,
                                    gradients: &gradients.head)
        encoder.backward(lastHiddenState: dHidden, pooled: nil, batch: batch, cache: cache, gradients: &gradients.encoder)
        return (loss, gradients)
    }

    /// Whether every row's mask is a non-empty prefix of ones.
    static func isRightPadded(_ batch: TokenBatch) -> Bool {
        (0..<batch.size).allSatisfy { b in
            let row = batch.attentionMask[(b * batch.length)..<((b + 1) * batch.length)]
            let count = row.prefix { $0 != 0 }.count
            return count > 0 && row.dropFirst(count).allSatisfy { $0 == 0 }
        }
    }
}
