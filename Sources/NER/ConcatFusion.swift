import Tensors

/// The paper's "w/o cross-modal fusion" ablation: text features with the global image feature
/// E_t0 (the image's first token), no attention: H'_i = LayerNorm(h_i + [h_i ; P(E_t0)] W_c),
/// P = imageProjection. Posts without an image: H'_i = h_i exactly.
public struct ConcatFusion: ParameterGroup {
    /// P: visual width Hv → H.
    public var imageProjection: Linear
    /// W_c: 2H → H.
    public var combine: Linear
    public var norm: LayerNorm
    /// Dropout on [h ; P(E_t0)] W_c in training.
    public var dropoutProbability: Float

    /// - seed: the weights' N(0, 0.02²) stream (``WeightInitializer``); biases start at 0.
    public init(hiddenSize: Int, imageSize: Int, layerNormEps: Float, seed: UInt64, dropoutProbability: Float = 0) {
        var initializer = WeightInitializer.normal(standardDeviation: 0.02, seed: seed)
        imageProjection = Linear(inputSize: imageSize, outputSize: hiddenSize, initializer: &initializer)
        combine = Linear(inputSize: 2 * hiddenSize, outputSize: hiddenSize, initializer: &initializer)
        norm = LayerNorm(dimension: hiddenSize, epsilon: layerNormEps)
        self.dropoutProbability = dropoutProbability
    }

    public var parameters: [NamedParameter<ConcatFusion>] {
        parameters(of: \.imageProjection, prefix: "image_projection") + parameters(of: \.combine, prefix: "combine")
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
        /// E_t0 `[posts, Hv]`.
        let globalImage: Tensor
        /// [h ; P(E_t0)] `[posts, L, 2H]`, the projected image repeated on every position.
        let combineInput: Tensor
        let dropoutMask: Tensor?
        let residual: Tensor
        let norm: LayerNorm.Cache
    }

    /// - text: [B, L, H]; textMask: [B·L] (only checked: every position gets the same image
    ///   feature); image: [B, M, Hv] (class token first); hasImage: [B].
    /// - dropoutSeed: nil at inference.
    public func forward(text: Tensor, textMask: [Int], image: Tensor, hasImage: [Bool],
                        dropoutSeed: UInt64?) -> (output: Tensor, cache: Cache) {
        let presence = ImagePresence(text: text, textMask: textMask, image: image, hasImage: hasImage,
                                     hiddenSize: norm.weight.count, imageSize: imageProjection.inputSize,
                                     layer: "ConcatFusion")
        guard !presence.isEmpty else {
            return (text, Cache(presence: presence, textShape: text.shape, imageShape: image.shape, fused: nil))
        }
        let h = presence.gather(text)
        let globalImage = Slice.forward(presence.gather(image), axis: 1, range: 0..<1)
            .reshaped([presence.posts.count, imageProjection.inputSize])
        let projected = Self.repeated(imageProjection.forward(globalImage), length: text.shape[1])
        let combineInput = Concat.forward([h, projected], axis: 2)
        let combined = combine.forward(combineInput)
        let dropoutMask = Dropout.trainingMask(shape: combined.shape, probability: dropoutProbability, seed: dropoutSeed)
        let residual = Add.forward(h, dropoutMask.map { Dropout.forward(combined, mask: $0) } ?? combined)
        let (normalized, normCache) = norm.forward(residual)

        var output = text
        presence.scatter(normalized, into: &output)
        let cache = FusedCache(globalImage: globalImage, combineInput: combineInput, dropoutMask: dropoutMask,
                               residual: residual, norm: normCache)
        return (output, Cache(presence: presence, textShape: text.shape, imageShape: image.shape, fused: cache))
    }

    /// Accumulates parameter gradients; returns d text [B, L, H] and d image [B, M, Hv] (zero
    /// except at each image's first token).
    public func backward(_ dOutput: Tensor, cache: Cache,
                         gradients: inout ConcatFusion) -> (text: Tensor, image: Tensor) {
        precondition(dOutput.shape == cache.textShape, "ConcatFusion.backward: gradient \(dOutput.shape) vs \(cache.textShape)")
        // Posts without an image pass their gradient straight through; the others are overwritten below.
        var dText = dOutput
        var dImage = Tensor(zeros: cache.imageShape)
        guard let f = cache.fused else { return (dText, dImage) }
        let width = norm.weight.count

        var dh = norm.backward(cache.presence.gather(dOutput), input: f.residual, cache: f.norm, gradients: &gradients.norm)
        let dCombined = f.dropoutMask.map { Dropout.backward(dh, mask: $0) } ?? dh
        let dCombineInput = combine.backward(dCombined, input: f.combineInput, gradients: &gradients.combine)
        let parts = Concat.backward(dCombineInput, sizes: [width, width], axis: 2)
        dh += parts[0]
        let dGlobal = imageProjection.backward(Self.summedOverPositions(parts[1]), input: f.globalImage,
                                               gradients: &gradients.imageProjection)
        let imageShape = [cache.presence.posts.count] + cache.imageShape.dropFirst()
        let de = Slice.backward(dGlobal.reshaped([imageShape[0], 1, imageShape[2]]), inputShape: imageShape, axis: 1,
                                range: 0..<1)

        cache.presence.scatter(dh, into: &dText)
        cache.presence.scatter(de, into: &dImage)
        return (dText, dImage)
    }

    /// `[B, n]` → `[B, length, n]`, each row repeated on every position.
    private static func repeated(_ x: Tensor, length: Int) -> Tensor {
        Concat.forward(Array(repeating: x.reshaped([x.shape[0], 1, x.shape[1]]), count: length), axis: 1)
    }

    /// `[B, L, n]` → `[B, n]`: the gradient of ``repeated(_:length:)``.
    private static func summedOverPositions(_ dy: Tensor) -> Tensor {
        let (batch, length, n) = (dy.shape[0], dy.shape[1], dy.shape[2])
        var sums = Tensor(zeros: [batch, n])
        dy.withUnsafeBufferPointer { dy in
            sums.withUnsafeMutableBufferPointer { sums in
                for b in 0..<batch {
                    for t in 0..<length {
                        let row = (b * length + t) * n
                        for j in 0..<n { sums[b * n + j] += dy[row + j] }
                    }
                }
            }
        }
        return sums
    }
}
