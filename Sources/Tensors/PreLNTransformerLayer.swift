/// A pre-LN transformer encoder layer (CLIP's `CLIPEncoderLayer`):
/// `h = x + MHA(LN₁(x))`, `y = h + fc₂(act(fc₁(LN₂(h))))`.
///
/// Unlike the post-LN ``TransformerLayer``, the residual stream itself is never normalised,
/// which is why CLIP needs `pre_layrnorm` before the first layer and `post_layernorm` after the
/// last. Parameter names are CLIP's: `self_attn.{q,k,v,out}_proj`, `layer_norm1`, `mlp.fc1`,
/// `mlp.fc2`, `layer_norm2`. CLIP trains without dropout, so there is none.
public struct PreLNTransformerLayer: ParameterGroup {
    public var attentionNorm: LayerNorm
    public var attention: MultiHeadAttention
    public var mlpNorm: LayerNorm
    /// fc₁: width → intermediate.
    public var intermediate: Linear
    /// fc₂: intermediate → width.
    public var output: Linear
    public var activation: Activation

    /// What ``backward(_:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let input: Tensor, attentionNorm: LayerNorm.Cache
        let attention: MultiHeadAttention.Cache
        let residual: Tensor, mlpNorm: LayerNorm.Cache, normalized: Tensor
        let preActivation: Tensor, activated: Tensor
    }

    public init(attentionNorm: LayerNorm, attention: MultiHeadAttention, mlpNorm: LayerNorm,
                intermediate: Linear, output: Linear, activation: Activation) {
        (self.attentionNorm, self.attention, self.mlpNorm) = (attentionNorm, attention, mlpNorm)
        (self.intermediate, self.output, self.activation) = (intermediate, output, activation)
    }

    /// A new layer: weights from `initializer`, zero biases, LayerNorm γ = 1, β = 0.
    public init(width: Int, heads: Int, intermediateSize: Int, activation: Activation, epsilon: Float,
                initializer: inout WeightInitializer) {
        self.init(attentionNorm: LayerNorm(dimension: width, epsilon: epsilon),
                  attention: MultiHeadAttention(width: width, heads: heads, names: .clip, initializer: &initializer),
                  mlpNorm: LayerNorm(dimension: width, epsilon: epsilon),
                  intermediate: Linear(inputSize: width, outputSize: intermediateSize, initializer: &initializer),
                  output: Linear(inputSize: intermediateSize, outputSize: width, initializer: &initializer),
                  activation: activation)
    }

    public var parameters: [NamedParameter<PreLNTransformerLayer>] {
        parameters(of: \.attention, prefix: "self_attn") + parameters(of: \.attentionNorm, prefix: "layer_norm1")
            + parameters(of: \.intermediate, prefix: "mlp.fc1") + parameters(of: \.output, prefix: "mlp.fc2")
            + parameters(of: \.mlpNorm, prefix: "layer_norm2")
    }

    /// `x` is `[B, T, width]`; every token attends to every token (no mask).
    public func forward(_ x: Tensor) -> (output: Tensor, cache: Cache) {
        let (attentionInput, attentionNormCache) = attentionNorm.forward(x)
        let (attended, attentionCache) = attention.forward(attentionInput)
        var residual = attended
        residual += x
        let (normalized, mlpNormCache) = mlpNorm.forward(residual)
        let preActivation = intermediate.forward(normalized)
        let activated = activation.forward(preActivation)
        var y = output.forward(activated)
        y += residual
        return (y, Cache(input: x, attentionNorm: attentionNormCache, attention: attentionCache, residual: residual,
                         mlpNorm: mlpNormCache, normalized: normalized, preActivation: preActivation, activated: activated))
    }

    /// Accumulates every parameter's gradient into `gradients` and returns dx.
    public func backward(_ dy: Tensor, cache: Cache, gradients: inout PreLNTransformerLayer) -> Tensor {
        // The residual paths pass dy straight through; each branch adds its own share.
        let dActivated = output.backward(dy, input: cache.activated, gradients: &gradients.output)
        let dPreActivation = activation.backward(dActivated, input: cache.preActivation)
        let dNormalized = intermediate.backward(dPreActivation, input: cache.normalized, gradients: &gradients.intermediate)
        var dResidual = mlpNorm.backward(dNormalized, input: cache.residual, cache: cache.mlpNorm, gradients: &gradients.mlpNorm)
        dResidual += dy
        let dAttentionInput = attention.backward(dResidual, cache: cache.attention, gradients: &gradients.attention).query
        var dx = attentionNorm.backward(dAttentionInput, input: cache.input, cache: cache.attentionNorm,
                                        gradients: &gradients.attentionNorm)
        dx += dResidual
        return dx
    }
}
