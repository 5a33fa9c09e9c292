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
    /// - Parameter scoredMask: `[size·length]`, 1 where a tag is scored (a prefix of each row).
    public func lossAndGradients(_ batch: TokenBatch, tags: [Int], scoredMask: [Int],
                                 dropoutSeed: UInt64?) -> (loss: Float, gradients: SequenceTagger) {
        var gradients = zeroGradients()
        let (output, cache) = encoder.forward(batch, dropoutSeed: dropoutSeed)
        let hidden = output.lastHiddenState
        let emissions = head.forward(hidden)
        let (logLikelihood, posterior) = crf.logLikelihood(emissions, tags: tags, mask: scoredMask)
        let loss = -logLikelihood.values.reduce(0, +) / Float(batch.size)
        let dLogLikelihood = Tensor(shape: [batch.size], values: [Float](repeating: -1 / Float(batch.size), count: batch.size))
        let dEmissions = crf.logLikelihoodBackward(dLogLikelihood, tags: tags, mask: scoredMask, posterior: posterior,
                                                   gradients: &gradients.crf)
        let dHidden = head.backward(dEmissions, input: hidden, gradients: &gradients.head)
        encoder.backward(lastHiddenState: dHidden, pooled: nil, batch: batch, cache: cache, gradients: &gradients.encoder)
        return (loss, gradients)
    }
}
