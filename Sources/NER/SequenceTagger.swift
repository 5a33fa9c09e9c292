import Tensors

/// The CoAtt-NER tagger (MODEL.md): a text encoder whose embeddings take the projected KG vectors
/// of the words (E + Expand(W_kg·t(e))), an optional image fusion over its hidden states, a linear
/// layer (plus one over per-word shape features) giving the emissions, and a CRF. Which parts exist
/// is its ``TaggerArchitecture``; with none of them it is the text-only tagger.
public struct SequenceTagger: ParameterGroup {
    public let architecture: TaggerArchitecture
    public var encoder: TextEncoder
    /// W_kg: KG vector → embedding width.
    public var knowledgeProjection: Linear?
    public var fusion: ImageFusion?
    public var head: Linear
    /// Emission scores of the word-shape features (the linear head over `[H'_i ; shape_i]`, split).
    public var shapeHead: Linear?
    public var crf: CRF

    /// - fusionDropout: dropout of the image fusion's attention and output (training only).
    public init(encoder: TextEncoder, architecture: TaggerArchitecture, seed: UInt64, fusionDropout: Float = 0.1) {
        let config = encoder.config
        var initializer = WeightInitializer.normal(standardDeviation: config.initializerRange, seed: seed)
        var random = SeededRandom(seed: seed &+ 1)
        self.architecture = architecture
        self.encoder = architecture.textLayers ? encoder : encoder.withoutLayers()
        knowledgeProjection = architecture.knowledgeDimension.map {
            Linear(inputSize: $0, outputSize: config.embeddingSize, initializer: &initializer)
        }
        fusion = ImageFusion(architecture: architecture, hiddenSize: config.hiddenSize, layerNormEps: config.layerNormEpsilon,
                             dropout: fusionDropout, seed: seed &+ 2)
        head = Linear(inputSize: config.hiddenSize, outputSize: architecture.tagCount, initializer: &initializer)
        shapeHead = architecture.shapeFeatureCount.map {
            Linear(inputSize: $0, outputSize: architecture.tagCount, initializer: &initializer)
        }
        crf = CRF(tagCount: architecture.tagCount, generator: &random)
    }

    /// The text-only tagger.
    public init(encoder: TextEncoder, tagCount: Int, seed: UInt64) {
        self.init(encoder: encoder, architecture: .textOnly(tagCount: tagCount), seed: seed)
    }

    public var parameters: [NamedParameter<SequenceTagger>] {
        var all = parameters(of: \.encoder, prefix: "encoder")
        if knowledgeProjection != nil { all += parameters(of: \.knowledgeProjection!, prefix: "knowledge_projection") }
        if fusion != nil { all += parameters(of: \.fusion!, prefix: "fusion") }
        all += parameters(of: \.head, prefix: "classifier")
        if shapeHead != nil { all += parameters(of: \.shapeHead!, prefix: "shape_classifier") }
        return all + parameters(of: \.crf, prefix: "crf")
    }

    /// What the backward pass needs of a forward pass.
    public struct Cache: Sendable {
        let addedEmbeddings: Tensor?
        let encoder: TextEncoder.Cache
        let packing: TokenBatch.Packing?
        let headInput: Tensor
        let fusion: ImageFusion.Cache?
    }

    /// The emission scores `[B, T, tags]` of every position. `packed` runs the encoder on the real
    /// tokens only (``TextEncoder``'s packed mode) when the batch allows it.
    public func forward(_ batch: TaggingBatch, dropoutSeed: UInt64?, packed: Bool = true) -> (emissions: Tensor, cache: Cache) {
        let (emissions, cache) = run(batch, dropoutSeed: dropoutSeed, packed: packed, keepingCache: true)
        return (emissions, cache!)
    }

    /// The emission scores `[B, T, tags]` at inference (no dropout, packed when the batch allows),
    /// keeping nothing for a backward pass (``TextEncoder/infer(_:addedEmbeddings:packed:)``).
    public func emissions(_ batch: TaggingBatch) -> Tensor {
        run(batch, dropoutSeed: nil, packed: true, keepingCache: false).emissions
    }

    private func run(_ batch: TaggingBatch, dropoutSeed: UInt64?, packed: Bool, keepingCache: Bool) -> (emissions: Tensor, cache: Cache?) {
        precondition((batch.knowledge != nil) == (knowledgeProjection != nil),
                     "SequenceTagger: the batch's KG vectors do not match the architecture")
        precondition((batch.shape != nil) == (shapeHead != nil), "SequenceTagger: the batch's shape features do not match the architecture")
        let packable = packed && Self.isRightPadded(batch.tokens)
            && zip(batch.scoredMask, batch.tokens.attentionMask).allSatisfy { $0 == 0 || $1 != 0 }
        let added = batch.knowledge.map { knowledgeProjection!.forward($0) }
        let (output, encoderCache) = keepingCache
            ? encoder.forward(batch.tokens, addedEmbeddings: added, dropoutSeed: dropoutSeed, packed: packable)
            : (encoder.infer(batch.tokens, addedEmbeddings: added, packed: packable), nil)
        var headInput = output.packedLastHiddenState
        var fusionCache: ImageFusion.Cache?
        if let fusion, batch.anyImage {
            let (fused, cache) = fusion.forward(text: output.lastHiddenState, batch: batch,
                                                dropoutSeed: dropoutSeed.map { SeededRandom.derive($0, stream: 7_001) })
            headInput = output.packing?.gather(fused) ?? fused
            fusionCache = cache
        }
        var emissions = output.packing.map { $0.scatter(head.forward(headInput)) } ?? head.forward(headInput)
        if let shapeHead, let shape = batch.shape { emissions += shapeHead.forward(shape) }
        guard let encoderCache else { return (emissions, nil) }
        return (emissions, Cache(addedEmbeddings: added, encoder: encoderCache, packing: output.packing,
                                 headInput: headInput, fusion: fusionCache))
    }

    /// Accumulates every parameter's gradient for the emissions' gradient `dEmissions` `[B, T, tags]`.
    public func backward(_ dEmissions: Tensor, batch: TaggingBatch, cache: Cache, gradients: inout SequenceTagger) {
        if let shapeHead, let shape = batch.shape {
            _ = shapeHead.backward(dEmissions, input: shape, gradients: &gradients.shapeHead!)
        }
        let dHeadInput = head.backward(cache.packing.map { $0.gather(dEmissions) } ?? dEmissions, input: cache.headInput,
                                       gradients: &gradients.head)
        var dLast = dHeadInput
        if let fusion, let fusionCache = cache.fusion {
            dLast = fusion.backward(cache.packing?.scatter(dHeadInput) ?? dHeadInput, cache: fusionCache,
                                    gradients: &gradients.fusion!)
        }
        let dAdded = encoder.backward(lastHiddenState: dLast, pooled: nil, batch: batch.tokens, cache: cache.encoder,
                                      gradients: &gradients.encoder)
        if let knowledgeProjection, let knowledge = batch.knowledge {
            _ = knowledgeProjection.backward(dAdded, input: knowledge, gradients: &gradients.knowledgeProjection!)
        }
    }

    /// The mean negative log-likelihood of the batch's tags over its posts, and the gradients of
    /// every parameter. Packed and padded runs agree up to float32 rounding (dropout masks differ).
    public func lossAndGradients(_ batch: TaggingBatch, dropoutSeed: UInt64?, packed: Bool = true)
        -> (loss: Float, gradients: SequenceTagger) {
        var gradients = zeroGradients()
        let (emissions, cache) = forward(batch, dropoutSeed: dropoutSeed, packed: packed)
        let size = batch.tokens.size
        let (logLikelihood, posterior) = crf.logLikelihood(emissions, tags: batch.tags, mask: batch.scoredMask)
        let loss = -logLikelihood.values.reduce(0, +) / Float(size)
        let dLogLikelihood = Tensor(shape: [size], values: [Float](repeating: -1 / Float(size), count: size))
        let dEmissions = crf.logLikelihoodBackward(dLogLikelihood, tags: batch.tags, mask: batch.scoredMask,
                                                   posterior: posterior, gradients: &gradients.crf)
        backward(dEmissions, batch: batch, cache: cache, gradients: &gradients)
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
