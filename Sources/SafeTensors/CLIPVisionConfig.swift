/// Configuration of a CLIP vision tower (ViT), from `config.json`: the top level of a bare
/// `CLIPVisionModel`, or `vision_config` of a full `CLIPModel` (see ``HFConfig``). Keys missing
/// from the file take the defaults of transformers' `CLIPVisionConfig` (ViT-B/32), which hub
/// configs rely on: they often list only the values that differ.
public struct CLIPVisionConfig: Codable, Equatable, Sendable {
    /// `image_size`: side of the square input in pixels.
    public var imageSize: Int
    /// `patch_size`: side of one square patch.
    public var patchSize: Int
    /// `num_channels`: 3 for RGB.
    public var numChannels: Int
    /// `hidden_size`: width of every layer.
    public var hiddenSize: Int
    /// `num_attention_heads`; `hiddenSize` must be a multiple of it.
    public var numAttentionHeads: Int
    /// `num_hidden_layers`.
    public var numHiddenLayers: Int
    /// `intermediate_size`: width of the MLP.
    public var intermediateSize: Int
    /// `hidden_act`, `quick_gelu` for OpenAI's checkpoints.
    public var hiddenAct: String
    /// `layer_norm_eps`.
    public var layerNormEps: Double
    /// `projection_dim`: width of `visual_projection` in a full CLIPModel.
    public var projectionDim: Int

    /// Patches along one side, `imageSize / patchSize`.
    public var patchesPerSide: Int { imageSize / patchSize }
    /// Tokens the encoder sees: one per patch plus the class token.
    public var sequenceLength: Int { patchesPerSide * patchesPerSide + 1 }
    /// Width of one attention head.
    public var headSize: Int { hiddenSize / numAttentionHeads }

    enum CodingKeys: String, CodingKey {
        case imageSize = "image_size"
        case patchSize = "patch_size"
        case numChannels = "num_channels"
        case hiddenSize = "hidden_size"
        case numAttentionHeads = "num_attention_heads"
        case numHiddenLayers = "num_hidden_layers"
        case intermediateSize = "intermediate_size"
        case hiddenAct = "hidden_act"
        case layerNormEps = "layer_norm_eps"
        case projectionDim = "projection_dim"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        imageSize = try c.decodeIfPresent(Int.self, forKey: .imageSize) ?? 224
        patchSize = try c.decodeIfPresent(Int.self, forKey: .patchSize) ?? 32
        numChannels = try c.decodeIfPresent(Int.self, forKey: .numChannels) ?? 3
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? 768
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? 12
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? 12
        intermediateSize = try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? 3072
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "quick_gelu"
        layerNormEps = try c.decodeIfPresent(Double.self, forKey: .layerNormEps) ?? 1e-5
        projectionDim = try c.decodeIfPresent(Int.self, forKey: .projectionDim) ?? 512

        guard patchSize > 0, imageSize % patchSize == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .patchSize, in: c,
                debugDescription: "image_size \(imageSize) is not a multiple of patch_size \(patchSize)")
        }
        guard numAttentionHeads > 0, hiddenSize % numAttentionHeads == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .numAttentionHeads, in: c,
                debugDescription: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
        }
    }
}
