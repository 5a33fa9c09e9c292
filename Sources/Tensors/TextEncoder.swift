/// A BERT-family text encoder (BertModel, MiniLM, AlbertModel) with Hugging Face weight names.
///
/// BERT: `h₀ = embeddings`, then `layerCount` post-LN ``TransformerLayer``s, each with its own
/// parameters. ALBERT is the same with two switches of ``TextEncoder.Configuration``: the embeddings
/// (width `embedding_size`) are projected to the hidden width, and one layer's parameters are
/// applied `layerCount` times. The pooler is `tanh(dense(h[:, 0]))` in both.
public struct TextEncoder: ParameterGroup {
    public private(set) var config: Configuration
    public var embeddings: TextEmbeddings
    /// ALBERT's `encoder.embedding_hidden_mapping_in`; nil for BERT.
    public var embeddingProjection: Linear?
    /// One layer per application, or a single shared layer for ALBERT.
    public var layers: [TransformerLayer]
    public var pooler: Linear

    /// Every output of a forward pass, named as transformers names them.
    ///
    /// In packed mode (``TextEncoder/forward(_:addedEmbeddings:dropoutSeed:packed:)`` with
    /// `packed: true`) the padded `[B, T, …]` views are scattered from the packed states on each
    /// access, with zeros at padded positions; ``packedLastHiddenState`` avoids that copy.
    public struct Output: Sendable {
        let storedEmbeddingOutput: Tensor
        let storedHiddenStates: [Tensor]
        /// How the states are packed, or nil for padded `[B, T, …]` states.
        public let packing: TokenBatch.Packing?
        /// `[B, hidden]`.
        public let pooled: Tensor

        /// The embeddings' output (before ALBERT's projection; for BERT the same as `hiddenStates[0]`).
        public var embeddingOutput: Tensor { packing?.scatter(storedEmbeddingOutput) ?? storedEmbeddingOutput }
        /// `layerCount + 1` tensors `[B, T, hidden]`: the encoder input, then each layer's output.
        public var hiddenStates: [Tensor] { storedHiddenStates.map { packing?.scatter($0) ?? $0 } }
        /// `[B, T, hidden]`.
        public var lastHiddenState: Tensor { packing?.scatter(packedLastHiddenState) ?? packedLastHiddenState }
        /// The last layer's output as computed: `[N, hidden]` for the real tokens in packed mode
        /// (see ``TokenBatch/Packing``), `[B, T, hidden]` otherwise.
        public var packedLastHiddenState: Tensor { storedHiddenStates[storedHiddenStates.count - 1] }
    }

    /// What ``backward(lastHiddenState:pooled:batch:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let embeddings: TextEmbeddings.Cache
        let embeddingOutput: Tensor
        let layers: [TransformerLayer.Cache]
        let firstToken: Tensor, poolerPreActivation: Tensor
        let packing: TokenBatch.Packing?
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
        self = .placeholder(config: config)
        try load(weights, prefix: prefix, ignoring: ignoring)
    }

    /// An encoder of zeros shaped as `config` says, for a checkpoint to overwrite (a model that
    /// holds this encoder among its parts and loads them all): no random draws.
    public static func placeholder(config: Configuration) -> TextEncoder {
        var zeros = WeightInitializer.zeros
        return TextEncoder(config: config, initializer: &zeros)
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

    /// The same encoder without its transformer layers: its output is the (projected) embeddings.
    /// The "w/o text features" ablation of MODEL.md §6 (token embeddings only).
    public func withoutLayers() -> TextEncoder {
        var copy = self
        copy.config.layerCount = 0
        copy.layers = []
        return copy
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
    ///
    /// `packed: true` computes only the real tokens: every position-wise op runs on the
    /// `[N, hidden]` packed real tokens and attention runs per sequence on its own length, so no
    /// work goes to padding. The real positions' outputs equal the padded mode's (to float32
    /// rounding); padded positions' hidden states are zero instead of the padded mode's values.
    /// It needs right padding (each mask row a non-empty prefix of ones). Dropout masks are drawn
    /// for the packed shapes, so in training they differ from the padded mode's.
    public func forward(_ batch: TokenBatch, addedEmbeddings: Tensor? = nil,
                        dropoutSeed: UInt64? = nil, packed: Bool = false) -> (output: Output, cache: Cache) {
        let (output, cache) = run(batch, addedEmbeddings: addedEmbeddings, dropoutSeed: dropoutSeed, packed: packed, keepingCache: true)
        return (output, cache!)
    }

    /// The encoder's output at inference (no dropout), the same as ``forward(_:addedEmbeddings:dropoutSeed:packed:)``'s,
    /// without keeping what a backward pass would need: each layer's attention probabilities and
    /// activations are freed as soon as the layer has run, so a batch costs one layer's working
    /// memory instead of every layer's (32 windows of 512 sub-words kept 2.4 GB of attention
    /// probabilities alone over MiniLM's 6 layers).
    public func infer(_ batch: TokenBatch, addedEmbeddings: Tensor? = nil, packed: Bool = false) -> Output {
        run(batch, addedEmbeddings: addedEmbeddings, dropoutSeed: nil, packed: packed, keepingCache: false).output
    }

    private func run(_ batch: TokenBatch, addedEmbeddings: Tensor?, dropoutSeed: UInt64?, packed: Bool,
                     keepingCache: Bool) -> (output: Output, cache: Cache?) {
        let seed = { (stream: UInt64) in dropoutSeed.map { SeededRandom.derive($0, stream: stream) } }
        let packing = packed ? batch.packing : nil
        let mask = packed ? nil : batch.additiveMask
        let (embedded, embeddingCache) = embeddings.forward(batch, added: addedEmbeddings, dropoutSeed: seed(0), packing: packing)
        var hidden = embeddingProjection?.forward(embedded) ?? embedded
        var hiddenStates = [hidden]
        var layerCaches: [TransformerLayer.Cache] = []
        for application in 0..<config.layerCount {
            let layer = layers[config.sharesLayers ? 0 : application]
            let (next, cache) = layer.forward(hidden, keyMask: mask, dropoutSeed: seed(UInt64(application + 1)),
                                              lengths: packing?.lengths)
            hidden = next
            hiddenStates.append(hidden)
            if keepingCache { layerCaches.append(cache) }
        }
        let firstToken = packing.map { packing in
            Tensor(shape: [batch.size, config.hiddenSize], values: packing.offsets.flatMap { row in
                hidden.values[(row * config.hiddenSize)..<((row + 1) * config.hiddenSize)]
            })
        } ?? Slice.forward(hidden, axis: 1, range: 0..<1).reshaped([batch.size, config.hiddenSize])
        let preActivation = pooler.forward(firstToken)
        let output = Output(storedEmbeddingOutput: embedded, storedHiddenStates: hiddenStates, packing: packing,
                            pooled: Activation.tanh.forward(preActivation))
        guard keepingCache else { return (output, nil) }
        return (output, Cache(embeddings: embeddingCache, embeddingOutput: embedded, layers: layerCaches,
                              firstToken: firstToken, poolerPreActivation: preActivation, packing: packing))
    }

    /// Accumulates every parameter's gradient for the given output gradients (either may be nil)
    /// and returns the gradient of the embedding sum, i.e. of `addedEmbeddings` (`[B, T, embeddingSize]`).
    ///
    /// After a packed forward pass, `dLast` may be `[B, T, hidden]` (padded positions ignored) or
    /// the packed `[N, hidden]` of ``Output/packedLastHiddenState``.
    @discardableResult
    public func backward(lastHiddenState dLast: Tensor?, pooled dPooled: Tensor?, batch: TokenBatch, cache: Cache,
                         gradients: inout TextEncoder) -> Tensor {
        let shape = [batch.size, batch.length, config.hiddenSize]
        var dHidden: Tensor
        if let packing = cache.packing {
            dHidden = dLast.map { $0.rank == 2 && $0.shape[0] == packing.realCount ? $0 : packing.gather($0) }
                ?? Tensor(zeros: [packing.realCount, config.hiddenSize])
            if let dPooled {
                let dPre = Activation.tanh.backward(dPooled, input: cache.poolerPreActivation)
                let dFirst = pooler.backward(dPre, input: cache.firstToken, gradients: &gradients.pooler)
                let h = config.hiddenSize
                dHidden.withUnsafeMutableBufferPointer { d in
                    dFirst.withUnsafeBufferPointer { f in
                        for (b, row) in packing.offsets.enumerated() {
                            for j in 0..<h { d[row * h + j] += f[b * h + j] }
                        }
                    }
                }
            }
        } else {
            dHidden = dLast ?? Tensor(zeros: shape)
            if let dPooled {
                let dPre = Activation.tanh.backward(dPooled, input: cache.poolerPreActivation)
                let dFirst = pooler.backward(dPre, input: cache.firstToken, gradients: &gradients.pooler)
                dHidden += Slice.backward(dFirst.reshaped([batch.size, 1, config.hiddenSize]), inputShape: shape, axis: 1, range: 0..<1)
            }
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
