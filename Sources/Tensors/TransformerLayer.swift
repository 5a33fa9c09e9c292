/// A post-LN transformer encoder layer (BERT, ALBERT):
/// `h = LN₁(x + Dropout(MHA(x)))`, `y = LN₂(h + Dropout(W₂·act(W₁·h)))`.
public struct TransformerLayer: ParameterGroup {
    /// Checkpoint names of the layer's parts, relative to the layer.
    public struct Names: Sendable {
        public var attention: String, attentionProjections: MultiHeadAttention.Names
        public var attentionNorm: String, intermediate: String, output: String, outputNorm: String

        /// `encoder.layer.{i}.…` of BertModel.
        public static let bert = Names(attention: "attention", attentionProjections: .bert,
                                       attentionNorm: "attention.output.LayerNorm", intermediate: "intermediate.dense",
                                       output: "output.dense", outputNorm: "output.LayerNorm")
        /// `encoder.albert_layer_groups.0.albert_layers.0.…` of AlbertModel.
        public static let albert = Names(attention: "attention", attentionProjections: .albert,
                                         attentionNorm: "attention.LayerNorm", intermediate: "ffn",
                                         output: "ffn_output", outputNorm: "full_layer_layer_norm")
    }

    public var attention: MultiHeadAttention
    public var attentionNorm: LayerNorm
    /// W₁: width → intermediate.
    public var intermediate: Linear
    /// W₂: intermediate → width.
    public var output: Linear
    public var outputNorm: LayerNorm
    public var activation: Activation
    /// Dropout on the attention and feed-forward outputs (before each residual sum) in training.
    public var dropoutProbability: Float
    public var names: Names

    /// What ``backward(_:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let attention: MultiHeadAttention.Cache
        let attentionDropout: Tensor?
        let firstResidual: Tensor, firstNorm: LayerNorm.Cache, normalized: Tensor
        let preActivation: Tensor, activated: Tensor
        let outputDropout: Tensor?
        let secondResidual: Tensor, secondNorm: LayerNorm.Cache
    }

    public init(attention: MultiHeadAttention, attentionNorm: LayerNorm, intermediate: Linear, output: Linear,
                outputNorm: LayerNorm, activation: Activation, dropoutProbability: Float = 0, names: Names) {
        self.attention = attention
        self.attentionNorm = attentionNorm
        self.intermediate = intermediate
        self.output = output
        self.outputNorm = outputNorm
        self.activation = activation
        self.dropoutProbability = dropoutProbability
        self.names = names
    }

    /// A new layer: weights from `initializer`, zero biases, LayerNorm γ = 1, β = 0.
    public init(width: Int, heads: Int, intermediateSize: Int, activation: Activation, epsilon: Float,
                dropoutProbability: Float = 0, attentionDropoutProbability: Float = 0, names: Names,
                initializer: inout WeightInitializer) {
        self.init(attention: MultiHeadAttention(width: width, heads: heads, dropoutProbability: attentionDropoutProbability,
                                                names: names.attentionProjections, initializer: &initializer),
                  attentionNorm: LayerNorm(dimension: width, epsilon: epsilon),
                  intermediate: Linear(inputSize: width, outputSize: intermediateSize, initializer: &initializer),
                  output: Linear(inputSize: intermediateSize, outputSize: width, initializer: &initializer),
                  outputNorm: LayerNorm(dimension: width, epsilon: epsilon),
                  activation: activation, dropoutProbability: dropoutProbability, names: names)
    }

    public var parameters: [NamedParameter<TransformerLayer>] {
        parameters(of: \.attention, prefix: names.attention) + parameters(of: \.attentionNorm, prefix: names.attentionNorm)
            + parameters(of: \.intermediate, prefix: names.intermediate) + parameters(of: \.output, prefix: names.output)
            + parameters(of: \.outputNorm, prefix: names.outputNorm)
    }

    /// `x` is `[B, T, width]`, `keyMask` additive `[B, T]`; `dropoutSeed` is nil at inference.
    /// With `lengths`, `x` is instead packed `[N, width]`: sequences of these lengths one after
    /// another, each attending to itself (see ``MultiHeadAttention/forward(_:context:keyMask:temperature:dropoutSeed:lengths:)``).
    public func forward(_ x: Tensor, keyMask: Tensor? = nil, dropoutSeed: UInt64? = nil,
                        lengths: [Int]? = nil) -> (output: Tensor, cache: Cache) {
        let seeds = dropoutSeed.map { seed in (0..<3).map { SeededRandom.derive(seed, stream: $0) } }
        let (attended, attentionCache) = attention.forward(x, keyMask: keyMask, dropoutSeed: seeds?[0], lengths: lengths)
        let attentionDropout = Dropout.trainingMask(shape: attended.shape, probability: dropoutProbability, seed: seeds?[1])
        var firstResidual = attentionDropout.map { Dropout.forward(attended, mask: $0) } ?? attended
        firstResidual += x
        let (normalized, firstNorm) = attentionNorm.forward(firstResidual)
        let preActivation = intermediate.forward(normalized)
        let activated = activation.forward(preActivation)
        let projected = output.forward(activated)
        let outputDropout = Dropout.trainingMask(shape: projected.shape, probability: dropoutProbability, seed: seeds?[2])
        var secondResidual = outputDropout.map { Dropout.forward(projected, mask: $0) } ?? projected
        secondResidual += normalized
        let (y, secondNorm) = outputNorm.forward(secondResidual)
        return (y, Cache(attention: attentionCache, attentionDropout: attentionDropout, firstResidual: firstResidual,
                         firstNorm: firstNorm, normalized: normalized, preActivation: preActivation, activated: activated,
                         outputDropout: outputDropout, secondResidual: secondResidual, secondNorm: secondNorm))
    }

    /// Accumulates every parameter's gradient into `gradients` and returns dx.
    public func backward(_ dy: Tensor, cache: Cache, gradients: inout TransformerLayer) -> Tensor {
        let dSecond = outputNorm.backward(dy, input: cache.secondResidual, cache: cache.secondNorm,
                                          gradients: &gradients.outputNorm)
        let dProjected = cache.outputDropout.map { Dropout.backward(dSecond, mask: $0) } ?? dSecond
        let dActivated = output.backward(dProjected, input: cache.activated, gradients: &gradients.output)
        let dPreActivation = activation.backward(dActivated, input: cache.preActivation)
        var dNormalized = intermediate.backward(dPreActivation, input: cache.normalized, gradients: &gradients.intermediate)
        dNormalized += dSecond
        let dFirst = attentionNorm.backward(dNormalized, input: cache.firstResidual, cache: cache.firstNorm,
                                            gradients: &gradients.attentionNorm)
        let dAttended = cache.attentionDropout.map { Dropout.backward(dFirst, mask: $0) } ?? dFirst
        var dx = attention.backward(dAttended, cache: cache.attention, gradients: &gradients.attention).query
        dx += dFirst
        return dx
    }
}
