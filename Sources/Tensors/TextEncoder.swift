/// A BERT-family text encoder (BertModel, MiniLM, AlbertModel) with Hugging Face weight names.
///
/// BERT: `h₀ = embeddings`, then `layerCount` post-LN ``TransformerLayer``s, each with its own
/// parameters. ALBERT is the same with two switches of ``TextEncoder.Configuration``: the embeddings
/// (width `embedding_size`) are projected to the hidden width, and one layer's parameters are
/// applied `layerCount` times. The pooler is `tanh(dense(h[:, 0]))` in both.
public struct TextEncoder: ParameterGroup {
    public let config: Configuration
    public var embeddings: TextEmbeddings
    /// ALBERT's `encoder.embedding_hidden_mapping_in`; nil for BERT.
    public var embeddingProjection: Linear?
    /// One layer per application, or a single shared layer for ALBERT.
    public var layers: [TransformerLayer]
    public var pooler: Linear

    /// Every output of a forward pass, named as transformers names them.
    public struct Output: Sendable {
        /// The embeddings' output (before ALBERT's projection; for BERT the same as `hiddenStates[0]`).
        public let embeddingOutput: Tensor
        /// `layerCount + 1` tensors `[B, T, hidden]`: the encoder input, then each layer's output.
        public let hiddenStates: [Tensor]
        /// `[B, hidden]`.
        public let pooled: Tensor
        public var lastHiddenState: Tensor { hiddenStates[hiddenStates.count - 1] }
    }

    /// What ``backward(lastHiddenState:pooled:batch:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let embeddings: TextEmbeddings.Cache
        let embeddingOutput: Tensor
        let layers: [TransformerLayer.Cache]
        let firstToken: Tensor, poolerPreActivation: Tensor
    }

    /// A randomly initialised encoder, as transformers initialises one: weights and tables
    /// N(0, initializer_range²), zero biases, LayerNorm γ = 1 and β = 0.
    public init(config: Configuration, seed: UInt64) {
        var initializer = WeightInitializer.normal(standardDeviation: config.initializerRange, seed: seed)
        self.init(config: config, initializer: &initializer)
    }

    /// An encoder with a checkpoint's weights; see ``ParameterGroup/load(_:prefix:ignoring:)``
    /// for `prefix`, `ignoring` and the errors.
    public init(config: Configuration, weights: NamedTensors, prefix: String = "",
                ignoring: (String) -> Bool = { _ in false }) throws {
        var placeholders = WeightInitializer.zeros
        self.init(config: config, initializer: &placeholders)
        try load(weights, prefix: prefix, ignoring: ignoring)
    }

    private init(config: Configuration, initializer: inout WeightInitializer) {
        let eps = config.layerNormEpsilon
        func table(_ count: Int) -> Embedding {
            Embedding(count: count, dimension: config.embeddingSize, initializer: &initializer)
        }
        self.config = config
        embeddings = TextEmbeddings(word: table(config.vocabSize), position: table(config.maxPositionEmbeddings),
                                    tokenType: table(config.typeVocabSize),
                                    norm: LayerNorm(dimension: config.embeddingSize, epsilon: eps),
                                    dropoutProbability: config.hiddenDropoutProbability)
        embeddingProjection = config.projectsEmbeddings
            ? Linear(inputSize: config.embeddingSize, outputSize: config.hiddenSize, initializer: &initializer)
            : nil
        layers = (0..<(config.sharesLayers ? 1 : config.layerCount)).map { _ in
            TransformerLayer(width: config.hiddenSize, heads: config.headCount, intermediateSize: config.intermediateSize,
                             activation: config.activation, epsilon: eps,
                             dropoutProbability: config.hiddenDropoutProbability,
                             attentionDropoutProbability: config.attentionDropoutProbability,
                             names: config.layerNames, initializer: &initializer)
        }
        pooler = Linear(inputSize: config.hiddenSize, outputSize: config.hiddenSize, initializer: &initializer)
    }

    public var parameters: [NamedParameter<TextEncoder>] {
        var result = parameters(of: \.embeddings, prefix: "embeddings")
        if embeddingProjection != nil {
            result += parameters(of: \.embeddingProjection!, prefix: "encoder.embedding_hidden_mapping_in")
        }
        for index in layers.indices {
            let prefix = config.family == .albert ? "encoder.albert_layer_groups.0.albert_layers.\(index)" : "encoder.layer.\(index)"
            result += parameters(of: \.layers[index], prefix: prefix)
        }
        return result + parameters(of: \.pooler, prefix: config.family == .albert ? "pooler" : "pooler.dense")
    }

    /// Runs the encoder. `addedEmbeddings` `[B, T, embeddingSize]` joins the embedding sum
    /// before its LayerNorm; `dropoutSeed` nil means inference (no dropout).
    public func forward(_ batch: TokenBatch, addedEmbeddings: Tensor? = nil,
                        dropoutSeed: UInt64? = nil) -> (output: Output, cache: Cache) {
        let seed = { (stream: UInt64) in dropoutSeed.map { SeededRandom.derive($0, stream: stream) } }
        let mask = batch.additiveMask
        let (embedded, embeddingCache) = embeddings.forward(batch, added: addedEmbeddings, dropoutSeed: seed(0))
        var hidden = embeddingProjection?.forward(embedded) ?? embedded
        var hiddenStates = [hidden]
        var layerCaches: [TransformerLayer.Cache] = []
        for application in 0..<config.layerCount {
            let layer = layers[config.sharesLayers ? 0 : application]
            let (next, cache) = layer.forward(hidden, keyMask: mask, dropoutSeed: seed(UInt64(application + 1)))
            hidden = next
            hiddenStates.append(hidden)
            layerCaches.append(cache)
        }
        let firstToken = Slice.forward(hidden, axis: 1, range: 0..<1).reshaped([batch.size, config.hiddenSize])
        let preActivation = pooler.forward(firstToken)
        let output = Output(embeddingOutput: embedded, hiddenStates: hiddenStates, pooled: Activation.tanh.forward(preActivation))
        return (output, Cache(embeddings: embeddingCache, embeddingOutput: embedded, layers: layerCaches,
                              firstToken: firstToken, poolerPreActivation: preActivation))
    }

    /// Accumulates every parameter's gradient for the given output gradients (either may be nil)
    /// and returns the gradient of the embedding sum, i.e. of `addedEmbeddings`.
    @discardableResult
    public func backward(lastHiddenState dLast: Tensor?, pooled dPooled: Tensor?, batch: TokenBatch, cache: Cache,
                         gradients: inout TextEncoder) -> Tensor {
        let shape = [batch.size, batch.length, config.hiddenSize]
        var dHidden = dLast ?? Tensor(zeros: shape)
        if let dPooled {
            let dPre = Activation.tanh.backward(dPooled, input: cache.poolerPreActivation)
            let dFirst = pooler.backward(dPre, input: cache.firstToken, gradients: &gradients.pooler)
            dHidden += Slice.backward(dFirst.reshaped([batch.size, 1, config.hiddenSize]), inputShape: shape, axis: 1, range: 0..<1)
        }
        for application in (0..<config.layerCount).reversed() {
            let index = config.sharesLayers ? 0 : application
            dHidden = layers[index].backward(dHidden, cache: cache.layers[application], gradients: &gradients.layers[index])
        }
        if let embeddingProjection {
            dHidden = embeddingProjection.backward(dHidden, input: cache.embeddingOutput, gradients: &gradients.embeddingProjection!)
        }
        return embeddings.backward(dHidden, batch: batch, cache: cache.embeddings, gradients: &gradients.embeddings)
    }
}
