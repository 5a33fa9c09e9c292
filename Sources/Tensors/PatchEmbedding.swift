/// A vision transformer's patch embedding: a convolution with kernel = stride = patch size and
/// no bias (CLIP's `embeddings.patch_embedding`), computed as ``Patchify`` then one matrix
/// product with the weight flattened to `[width, C·P·P]`.
public struct PatchEmbedding: ParameterGroup {
    /// The convolution weight `[width, channels, patchSize, patchSize]`, as checkpoints store it.
    public var weight: Tensor

    /// What ``backward(_:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let imageShape: [Int]
        let patches: Tensor
    }

    public init(weight: Tensor) {
        precondition(weight.rank == 4 && weight.shape[2] == weight.shape[3] && weight.shape[2] > 0,
                     "PatchEmbedding: weight must be [width, channels, P, P], got \(weight.shape)")
        self.weight = weight
    }

    /// A weight from `initializer`.
    public init(channels: Int, patchSize: Int, width: Int, initializer: inout WeightInitializer) {
        self.init(weight: initializer.weight([width, channels, patchSize, patchSize]))
    }

    public var width: Int { weight.shape[0] }
    public var channels: Int { weight.shape[1] }
    public var patchSize: Int { weight.shape[2] }

    public var parameters: [NamedParameter<PatchEmbedding>] { [("weight", \.weight)] }

    /// `[B, patches, width]` for images `[B, channels, H, W]`.
    public func forward(_ images: Tensor) -> (output: Tensor, cache: Cache) {
        precondition(images.rank == 4 && images.shape[1] == channels,
                     "PatchEmbedding: images \(images.shape) are not [B, \(channels), H, W]")
        let patches = Patchify.forward(images, patchSize: patchSize)
        let output = MatMul.forward(patches, flatWeight, transposeB: true)
        return (output, Cache(imageShape: images.shape, patches: patches))
    }

    /// Accumulates the weight's gradient and returns the images' gradient.
    @discardableResult
    public func backward(_ dy: Tensor, cache: Cache, gradients: inout PatchEmbedding) -> Tensor {
        let (dPatches, dWeight) = MatMul.backward(dy, cache.patches, flatWeight, transposeB: true)
        gradients.weight += dWeight.reshaped(weight.shape)
        return Patchify.backward(dPatches, imageShape: cache.imageShape, patchSize: patchSize)
    }

    /// The weight as the `[width, C·P·P]` matrix the patches multiply.
    private var flatWeight: Tensor { weight.reshaped([width, -1]) }
}
