import Tensors

/// MODEL.md §3: collaborative cross-attention with temperature, second text→image hop over A,
/// gated fusion H'_i = LayerNorm(h_i + g_i ⊙ ([C_i ; C2_i] W_f)), g_i = sigmoid(W_g [h_i ; C_i ; C2_i]).
///
/// With P = imageProjection(E) the visual tokens in the text width:
/// A = imageToText(queries P, keys/values H, text padding masked), C = textToImage(queries H,
/// keys/values P), C2 = secondHop(queries H, keys/values A). All three attentions divide their
/// logits by √d_k·τ.
public struct CrossAttentionFusion: ParameterGroup {
    /// Visual width Hv → H (paper Eq. 2).
    public var imageProjection: Linear
    /// Queries image, keys/values text (text key mask) → A.
    public var imageToText: MultiHeadAttention
    /// Queries text, keys/values projected image → C.
    public var textToImage: MultiHeadAttention
    /// Queries text, keys/values A → C2.
    public var secondHop: MultiHeadAttention
    /// W_f: 2H → H.
    public var fuse: Linear
    /// W_g: 3H → H.
    public var gate: Linear
    public var norm: LayerNorm
    /// τ, not trained: higher is smoother attention.
    public var temperature: Float
    /// Dropout on the attention probabilities and on the fused vector [C ; C2] W_f in training.
    public var dropoutProbability: Float

    /// The gate's initial bias: g = sigmoid(−2) ≈ 0.12 at the start, so the pretrained text path
    /// dominates while the new visual layers are still random.
    public static let initialGateBias: Float = -2

    /// - Parameters:
    ///   - hiddenSize: H, the text encoder's width.
    ///   - imageSize: Hv, the vision encoder's width.
    ///   - heads: heads of each attention (H must be divisible by it).
    ///   - seed: the weights' N(0, 0.02²) stream (``WeightInitializer``); biases start at 0 except
    ///     the gate's (``initialGateBias``).
    public init(hiddenSize: Int, imageSize: Int, heads: Int, temperature: Float,
                dropoutProbability: Float, layerNormEps: Float, seed: UInt64) {
        precondition(temperature > 0, "CrossAttentionFusion: temperature must be positive, got \(temperature)")
        var initializer = WeightInitializer.normal(standardDeviation: 0.02, seed: seed)
        func attention() -> MultiHeadAttention {
            MultiHeadAttention(width: hiddenSize, heads: heads, dropoutProbability: dropoutProbability, names: .clip,
                               initializer: &initializer)
        }
        imageProjection = Linear(inputSize: imageSize, outputSize: hiddenSize, initializer: &initializer)
        imageToText = attention()
        textToImage = attention()
        secondHop = attention()
        fuse = Linear(inputSize: 2 * hiddenSize, outputSize: hiddenSize, initializer: &initializer)
        gate = Linear(inputSize: 3 * hiddenSize, outputSize: hiddenSize, initializer: &initializer)
        gate.bias = Tensor(shape: [hiddenSize], repeating: Self.initialGateBias)
        norm = LayerNorm(dimension: hiddenSize, epsilon: layerNormEps)
        self.temperature = temperature
        self.dropoutProbability = dropoutProbability
    }

    public var parameters: [NamedParameter<CrossAttentionFusion>] {
        parameters(of: \.imageProjection, prefix: "image_projection")
            + parameters(of: \.imageToText, prefix: "image_to_text")
            + parameters(of: \.textToImage, prefix: "text_to_image")
            + parameters(of: \.secondHop, prefix: "second_hop")
            + parameters(of: \.fuse, prefix: "fuse") + parameters(of: \.gate, prefix: "gate")
            + parameters(of: \.norm, prefix: "norm")
    }

    /// What ``backward(_:cache:gradients:)`` needs; every tensor covers the posts with an image only.
    public struct Cache: Sendable {
        let presence: ImagePresence
        let textShape: [Int], imageShape: [Int]
        /// Nil when no post has an image.
        let fused: FusedCache?
    }

    struct FusedCache: Sendable {
        /// The images of the posts with one, the image projection's input.
        let image: Tensor
        let imageToText: MultiHeadAttention.Cache, textToImage: MultiHeadAttention.Cache
        let secondHop: MultiHeadAttention.Cache
        /// [C ; C2] and [h ; C ; C2].
        let fuseInput: Tensor, gateInput: Tensor
        /// [C ; C2] W_f after dropout.
        let fused: Tensor
        let gateLogits: Tensor, gate: Tensor
        let fusedDropoutMask: Tensor?
        let residual: Tensor
        let norm: LayerNorm.Cache
    }

    /// - text: [B, L, H]; textMask: [B·L] (1 real token); image: [B, M, Hv] visual tokens
    ///   (class token first); hasImage: [B]. Rows of posts without an image are ignored:
    ///   their output is exactly h_i (the text path) and their gradients into image are 0.
    /// - dropoutSeed: nil at inference.
    public func forward(text: Tensor, textMask: [Int], image: Tensor, hasImage: [Bool],
                        dropoutSeed: UInt64?) -> (output: Tensor, cache: Cache) {
        let presence = ImagePresence(text: text, textMask: textMask, image: image, hasImage: hasImage,
                                     hiddenSize: norm.weight.count, imageSize: imageProjection.inputSize,
                                     layer: "CrossAttentionFusion")
        guard !presence.isEmpty else {
            return (text, Cache(presence: presence, textShape: text.shape, imageShape: image.shape, fused: nil))
        }
        let h = presence.gather(text), e = presence.gather(image)
        let (posts, length) = (presence.posts.count, text.shape[1])
        let keyMask = Attention.additiveMask(Tensor(shape: [posts, length], values: presence.gather(textMask).map(Float.init)))
        let seeds = dropoutSeed.map { seed in (0..<4).map { SeededRandom.derive(seed, stream: $0) } }

        let projected = imageProjection.forward(e)
        let (a, imageToTextCache) = imageToText.forward(projected, context: h, keyMask: keyMask, temperature: temperature,
                                                        dropoutSeed: seeds?[0])
        let (c, textToImageCache) = textToImage.forward(h, context: projected, temperature: temperature,
                                                        dropoutSeed: seeds?[1])
        let (c2, secondHopCache) = secondHop.forward(h, context: a, temperature: temperature, dropoutSeed: seeds?[2])

        let fuseInput = Concat.forward([c, c2], axis: 2)
        let dropoutMask = Dropout.trainingMask(shape: [posts, length, fuse.outputSize], probability: dropoutProbability,
                                               seed: seeds?[3])
        let fusedRaw = fuse.forward(fuseInput)
        let fused = dropoutMask.map { Dropout.forward(fusedRaw, mask: $0) } ?? fusedRaw
        let gateInput = Concat.forward([h, c, c2], axis: 2)
        let gateLogits = gate.forward(gateInput)
        let g = Activation.sigmoid.forward(gateLogits)
        let residual = Add.forward(h, Multiply.forward(g, fused))
        let (normalized, normCache) = norm.forward(residual)

        var output = text
        presence.scatter(normalized, into: &output)
        let cache = FusedCache(image: e, imageToText: imageToTextCache, textToImage: textToImageCache,
                               secondHop: secondHopCache, fuseInput: fuseInput, gateInput: gateInput, fused: fused,
                               gateLogits: gateLogits, gate: g, fusedDropoutMask: dropoutMask, residual: residual,
                               norm: normCache)
        return (output, Cache(presence: presence, textShape: text.shape, imageShape: image.shape, fused: cache))
    }

    /// Accumulates parameter gradients; returns d text [B, L, H] and d image [B, M, Hv].
    public func backward(_ dOutput: Tensor, cache: Cache,
                         gradients: inout CrossAttentionFusion) -> (text: Tensor, image: Tensor) {
        precondition(dOutput.shape == cache.textShape, "CrossAttentionFusion.backward: gradient \(dOutput.shape) vs \(cache.textShape)")
        // Posts without an image pass their gradient straight through; the others are overwritten below.
        var dText = dOutput
        var dImage = Tensor(zeros: cache.imageShape)
        guard let f = cache.fused else { return (dText, dImage) }
        let width = norm.weight.count

        let dResidual = norm.backward(cache.presence.gather(dOutput), input: f.residual, cache: f.norm,
                                      gradients: &gradients.norm)
        var dh = dResidual
        let (dGate, dFused) = Multiply.backward(dResidual, f.gate, f.fused)
        let dGateLogits = Activation.sigmoid.backward(dGate, input: f.gateLogits)
        let dGateInput = gate.backward(dGateLogits, input: f.gateInput, gradients: &gradients.gate)
        let dFusedRaw = f.fusedDropoutMask.map { Dropout.backward(dFused, mask: $0) } ?? dFused
        let dFuseInput = fuse.backward(dFusedRaw, input: f.fuseInput, gradients: &gradients.fuse)
        let gateParts = Concat.backward(dGateInput, sizes: [width, width, width], axis: 2)
        var (dC, dC2) = (gateParts[1], gateParts[2])
        let fuseParts = Concat.backward(dFuseInput, sizes: [width, width], axis: 2)
        dC += fuseParts[0]
        dC2 += fuseParts[1]
        dh += gateParts[0]

        let (dhSecondHop, dA) = secondHop.backward(dC2, cache: f.secondHop, gradients: &gradients.secondHop)
        let (dhTextToImage, dProjectedKeys) = textToImage.backward(dC, cache: f.textToImage, gradients: &gradients.textToImage)
        var (dProjected, dhImageToText) = imageToText.backward(dA!, cache: f.imageToText, gradients: &gradients.imageToText)
        dProjected += dProjectedKeys!
        dh += dhSecondHop
        dh += dhTextToImage
        dh += dhImageToText!
        let de = imageProjection.backward(dProjected, input: f.image, gradients: &gradients.imageProjection)

        cache.presence.scatter(dh, into: &dText)
        cache.presence.scatter(de, into: &dImage)
        return (dText, dImage)
    }
}
