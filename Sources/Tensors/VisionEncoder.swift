/// A CLIP vision transformer (`CLIPVisionModel`) with Hugging Face weight names:
/// `embeddings.*` (patches, class token, positions), `pre_layrnorm` (sic), `encoder.layers.{i}.*`
/// (pre-LN ``PreLNTransformerLayer``s) and `post_layernorm`, which normalises the class token
/// alone into the pooled output. Hub `CLIPModel` checkpoints prefix these names with
/// `vision_model.` (see ``checkpointPrefix(_:)``).
public struct VisionEncoder: ParameterGroup {
    public let config: Configuration
    public var embeddings: VisionEmbeddings
    public var preNorm: LayerNorm
    public var layers: [PreLNTransformerLayer]
    public var postNorm: LayerNorm

    /// Every output of a forward pass, named as transformers names them.
    public struct Output: Sendable {
        /// `[B, tokens, hidden]`: class token and patches plus positions, before `pre_layrnorm`.
        public let embeddingOutput: Tensor
        /// `layerCount + 1` tensors `[B, tokens, hidden]`: the encoder input (after
        /// `pre_layrnorm`), then each layer's output. Class token first.
        public let hiddenStates: [Tensor]
        /// `[B, hidden]`: `post_layernorm` of the last class token (`pooler_output`).
        public let pooled: Tensor
        /// The last layer's output, without any LayerNorm (transformers' `last_hidden_state`).
        public var lastHiddenState: Tensor { hiddenStates[hiddenStates.count - 1] }
    }

    /// What ``backward(lastHiddenState:pooled:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let embeddings: VisionEmbeddings.Cache
        let embeddingOutput: Tensor, preNorm: LayerNorm.Cache
        let layers: [PreLNTransformerLayer.Cache]
        let classToken: Tensor, postNorm: LayerNorm.Cache
    }

    /// A randomly initialised encoder: weights, class token and positions N(0, initializerRange²),
    /// zero biases, LayerNorm γ = 1 and β = 0.
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
        let (width, eps) = (config.hiddenSize, config.layerNormEpsilon)
        self.config = config
        embeddings = VisionEmbeddings(
            patchEmbedding: PatchEmbedding(channels: config.channels, patchSize: config.patchSize, width: width,
                                           initializer: &initializer),
            classEmbedding: initializer.weight([width]),
            positionEmbedding: Embedding(count: config.tokenCount, dimension: width, initializer: &initializer))
        preNorm = LayerNorm(dimension: width, epsilon: eps)
        layers = (0..<config.layerCount).map { _ in
            PreLNTransformerLayer(width: width, heads: config.headCount, intermediateSize: config.intermediateSize,
                                  activation: config.activation, epsilon: eps, initializer: &initializer)
        }
        postNorm = LayerNorm(dimension: width, epsilon: eps)
    }

    /// `"vision_model."` when the checkpoint is a full `CLIPModel` (or a transformers-4 save),
    /// `""` for a bare `CLIPVisionModel` saved by transformers 5.
    public static func checkpointPrefix(_ weights: NamedTensors) -> String {
        weights.keys.contains { $0.hasPrefix("vision_model.") } ? "vision_model." : ""
    }

    public var parameters: [NamedParameter<VisionEncoder>] {
        var result = parameters(of: \.embeddings, prefix: "embeddings") + parameters(of: \.preNorm, prefix: "pre_layrnorm")
        for index in layers.indices {
            result += parameters(of: \.layers[index], prefix: "encoder.layers.\(index)")
        }
        return result + parameters(of: \.postNorm, prefix: "post_layernorm")
    }

    /// Runs the encoder on normalised images `[B, channels, imageSize, imageSize]`.
    public func forward(_ images: Tensor) -> (output: Output, cache: Cache) {
        precondition(images.shape.dropFirst() == [config.channels, config.imageSize, config.imageSize],
                     "VisionEncoder: images \(images.shape), expected [B, \(config.channels), \(config.imageSize), \(config.imageSize)]")
        let (embedded, embeddingCache) = embeddings.forward(images)
        var (hidden, preNormCache) = preNorm.forward(embedded)
        var hiddenStates = [hidden]
        var layerCaches: [PreLNTransformerLayer.Cache] = []
        for layer in layers {
            let (next, cache) = layer.forward(hidden)
            hidden = next
            hiddenStates.append(hidden)
            layerCaches.append(cache)
        }
        let classToken = Slice.forward(hidden, axis: 1, range: 0..<1).reshaped([images.shape[0], config.hiddenSize])
        let (pooled, postNormCache) = postNorm.forward(classToken)
        let output = Output(embeddingOutput: embedded, hiddenStates: hiddenStates, pooled: pooled)
        return (output, Cache(embeddings: embeddingCache, embeddingOutput: embedded, preNorm: preNormCache,
                              layers: layerCaches, classToken: classToken, postNorm: postNormCache))
    }

    /// Accumulates every parameter's gradient for the given output gradients (either may be nil)
    /// and returns the images' gradient.
    @discardableResult
    public func backward(lastHiddenState dLast: Tensor?, pooled dPooled: Tensor?, cache: Cache,
                         gradients: inout VisionEncoder) -> Tensor {
        let shape = cache.embeddingOutput.shape
        var dHidden = dLast ?? Tensor(zeros: shape)
        if let dPooled {
            let dClass = postNorm.backward(dPooled, input: cache.classToken, cache: cache.postNorm, gradients: &gradients.postNorm)
            dHidden += Slice.backward(dClass.reshaped([shape[0], 1, shape[2]]), inputShape: shape, axis: 1, range: 0..<1)
        }
        for index in layers.indices.reversed() {
            dHidden = layers[index].backward(dHidden, cache: cache.layers[index], gradients: &gradients.layers[index])
        }
        let dEmbedded = preNorm.backward(dHidden, input: cache.embeddingOutput, cache: cache.preNorm, gradients: &gradients.preNorm)
        return embeddings.backward(dEmbedded, cache: cache.embeddings, gradients: &gradients.embeddings)
    }
}
