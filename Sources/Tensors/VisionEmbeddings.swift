/// A vision transformer's input tokens: `[class token; patch embeddings] + position embeddings`
/// (CLIP's `embeddings`, before `pre_layrnorm`). The class token leads every sequence.
public struct VisionEmbeddings: ParameterGroup {
    public var patchEmbedding: PatchEmbedding
    /// The learned class token `[width]` (`class_embedding`).
    public var classEmbedding: Tensor
    /// One row per token position, class token first (`position_embedding`).
    public var positionEmbedding: Embedding

    /// What ``backward(_:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let patches: PatchEmbedding.Cache
        let batch: Int
    }

    public init(patchEmbedding: PatchEmbedding, classEmbedding: Tensor, positionEmbedding: Embedding) {
        precondition(classEmbedding.shape == [patchEmbedding.width] && positionEmbedding.dimension == patchEmbedding.width,
                     "VisionEmbeddings: class token \(classEmbedding.shape) and positions of width \(positionEmbedding.dimension) must match width \(patchEmbedding.width)")
        (self.patchEmbedding, self.classEmbedding, self.positionEmbedding) = (patchEmbedding, classEmbedding, positionEmbedding)
    }

    public var width: Int { patchEmbedding.width }
    /// Tokens per image: the class token and every patch.
    public var tokenCount: Int { positionEmbedding.weight.shape[0] }

    public var parameters: [NamedParameter<VisionEmbeddings>] {
        parameters(of: \.patchEmbedding, prefix: "patch_embedding") + [("class_embedding", \.classEmbedding)]
            + parameters(of: \.positionEmbedding, prefix: "position_embedding")
    }

    /// `[B, tokenCount, width]` for images `[B, C, H, W]` with exactly `tokenCount − 1` patches.
    public func forward(_ images: Tensor) -> (output: Tensor, cache: Cache) {
        let (patches, patchCache) = patchEmbedding.forward(images)
        let batch = images.shape[0]
        precondition(patches.shape[1] + 1 == tokenCount,
                     "VisionEmbeddings: \(patches.shape[1]) patches, but \(tokenCount) positions (class token included)")
        let classTokens = BiasAdd.broadcast(classEmbedding, rows: batch).reshaped([batch, 1, width])
        var tokens = Concat.forward([classTokens, patches], axis: 1)
        tokens += positionEmbedding.forward(positionIds(batch: batch)).reshaped(tokens.shape)
        return (tokens, Cache(patches: patchCache, batch: batch))
    }

    /// Accumulates every parameter's gradient and returns the images' gradient.
    @discardableResult
    public func backward(_ dy: Tensor, cache: Cache, gradients: inout VisionEmbeddings) -> Tensor {
        positionEmbedding.backward(dy.reshaped([-1, width]), ids: positionIds(batch: cache.batch),
                                   gradients: &gradients.positionEmbedding)
        let parts = Concat.backward(dy, sizes: [1, tokenCount - 1], axis: 1)
        BiasAdd.accumulateColumnSums(parts[0], into: &gradients.classEmbedding)
        return patchEmbedding.backward(parts[1], cache: cache.patches, gradients: &gradients.patchEmbedding)
    }

    /// `0..<tokenCount` for each image of the batch.
    private func positionIds(batch: Int) -> [Int] {
        Array((0..<batch).map { _ in 0..<tokenCount }.joined())
    }
}
