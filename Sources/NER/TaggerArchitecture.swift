/// What a tagger is made of besides its text encoder: the switches of MODEL.md's ablations,
/// saved with a trained model (`architecture.json`) so that loading rebuilds the same layers.
public struct TaggerArchitecture: Codable, Sendable, Equatable {
    /// How image evidence joins the text (MODEL.md §3 and §6).
    public enum Fusion: String, Codable, Sendable, CaseIterable {
        /// Text only ("w/o image features").
        case none
        /// Collaborative cross-attention with temperature and gated fusion (the full model).
        case coAttention = "coattention"
        /// Text features with the global image feature, no attention ("w/o cross-modal fusion").
        case concat
    }

    public var tagCount: Int
    /// Width of the KG vectors fused into the embeddings (E + Expand(E_KG)); nil: no KG ("w/o KG").
    public var knowledgeDimension: Int?
    /// Number of per-word casing/shape features scored by their own linear layer; nil: none.
    public var shapeFeatureCount: Int?
    public var fusion: Fusion
    /// Width of the visual tokens (the vision encoder's hidden size) when `fusion` is not `.none`.
    public var imageWidth: Int?
    public var fusionHeads: Int
    /// τ of the cross-attention (MODEL.md §3).
    public var temperature: Float
    /// Whether the text encoder's transformer layers run; false is the "w/o text features" ablation
    /// (token embeddings only).
    public var textLayers: Bool

    public init(tagCount: Int, knowledgeDimension: Int? = nil, shapeFeatureCount: Int? = nil, fusion: Fusion = .none,
                imageWidth: Int? = nil, fusionHeads: Int = 4, temperature: Float = 1, textLayers: Bool = true) {
        precondition(fusion == .none || imageWidth != nil, "TaggerArchitecture: image fusion needs the visual tokens' width")
        precondition(temperature > 0, "TaggerArchitecture: τ must be positive")
        (self.tagCount, self.knowledgeDimension, self.shapeFeatureCount) = (tagCount, knowledgeDimension, shapeFeatureCount)
        (self.fusion, self.imageWidth, self.fusionHeads, self.temperature) = (fusion, imageWidth, fusionHeads, temperature)
        self.textLayers = textLayers
    }

    /// The text-only tagger: encoder + linear + CRF.
    public static func textOnly(tagCount: Int) -> TaggerArchitecture { TaggerArchitecture(tagCount: tagCount) }
}
