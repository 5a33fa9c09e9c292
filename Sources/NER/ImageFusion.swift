import Tensors

/// The image path of a tagger: one of the two fusions of ``TaggerArchitecture/Fusion`` over the
/// encoder's hidden states and the post's visual tokens. The vision encoder itself is frozen (its
/// tokens arrive precomputed in the batch), so only the text gradient flows back.
public struct ImageFusion: ParameterGroup {
    public var coAttention: CrossAttentionFusion?
    public var concat: ConcatFusion?

    public enum Cache: Sendable {
        case coAttention(CrossAttentionFusion.Cache)
        case concat(ConcatFusion.Cache)
    }

    /// Nil when the architecture has no image path.
    init?(architecture: TaggerArchitecture, hiddenSize: Int, layerNormEps: Float, dropout: Float, seed: UInt64) {
        guard let imageWidth = architecture.imageWidth else { return nil }
        switch architecture.fusion {
        case .none: return nil
        case .coAttention:
            coAttention = CrossAttentionFusion(hiddenSize: hiddenSize, imageSize: imageWidth, heads: architecture.fusionHeads,
                                               temperature: architecture.temperature, dropoutProbability: dropout,
                                               layerNormEps: layerNormEps, seed: seed)
        case .concat:
            concat = ConcatFusion(hiddenSize: hiddenSize, imageSize: imageWidth, layerNormEps: layerNormEps, seed: seed,
                                  dropoutProbability: dropout)
        }
    }

    public var parameters: [NamedParameter<ImageFusion>] {
        if coAttention != nil { return parameters(of: \.coAttention!, prefix: "coattention") }
        if concat != nil { return parameters(of: \.concat!, prefix: "concat") }
        return []
    }

    /// H' `[B, L, H]` from the hidden states `text` `[B, L, H]` and the batch's visual tokens.
    func forward(text: Tensor, batch: TaggingBatch, dropoutSeed: UInt64?) -> (Tensor, Cache) {
        let images = batch.images!
        if let coAttention {
            let (output, cache) = coAttention.forward(text: text, textMask: batch.scoredMask, image: images,
                                                      hasImage: batch.hasImage, dropoutSeed: dropoutSeed)
            return (output, .coAttention(cache))
        }
        let (output, cache) = concat!.forward(text: text, textMask: batch.scoredMask, image: images,
                                              hasImage: batch.hasImage, dropoutSeed: dropoutSeed)
        return (output, .concat(cache))
    }

    /// Accumulates the fusion's gradients and returns the gradient of the hidden states.
    func backward(_ dOutput: Tensor, cache: Cache, gradients: inout ImageFusion) -> Tensor {
        switch cache {
        case .coAttention(let cache): coAttention!.backward(dOutput, cache: cache, gradients: &gradients.coAttention!).text
        case .concat(let cache): concat!.backward(dOutput, cache: cache, gradients: &gradients.concat!).text
        }
    }
}
