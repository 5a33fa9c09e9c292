/// Configuration of a BERT-family encoder, from `config.json`.
///
/// BERT (and MiniLM, a small BERT) and ALBERT share one shape; ALBERT adds a narrower
/// embedding width projected up to `hiddenSize`, and layers that share parameters in groups.
/// Keys missing from the file take the defaults of transformers' `BertConfig` or
/// `AlbertConfig`, as transformers itself does.
public struct TextEncoderConfig: Codable, Equatable, Sendable {
    /// Which architecture: decides defaults, the embedding projection and layer sharing.
    public enum Family: String, Codable, Sendable {
        case bert
        case albert
    }

    /// `model_type`.
    public var family: Family
    /// `vocab_size`: rows of the word embedding table.
    public var vocabSize: Int
    /// `hidden_size` (H): width of every transformer layer.
    public var hiddenSize: Int
    /// `num_hidden_layers`: how many layers run (for ALBERT, applications of shared layers).
    public var numHiddenLayers: Int
    /// `num_attention_heads`; `hiddenSize` must be a multiple of it.
    public var numAttentionHeads: Int
    /// `intermediate_size`: width of the feed-forward layer.
    public var intermediateSize: Int
    /// `hidden_act`, e.g. `gelu` (erf form, BERT) or `gelu_new` (tanh form, ALBERT).
    public var hiddenAct: String
    /// `max_position_embeddings`: rows of the position table, the longest input.
    public var maxPositionEmbeddings: Int
    /// `type_vocab_size`: rows of the token-type (segment) table.
    public var typeVocabSize: Int
    /// `layer_norm_eps`. Kept as Double so 1e-12 survives; read it, the default is not safe to
    /// assume (1e-5 would still pass a 1e-4 comparison and hide the mistake).
    public var layerNormEps: Double
    /// `pad_token_id`, when given.
    public var padTokenId: Int?
    /// `embedding_size` (H_E): width of the embeddings. ALBERT maps it to `hiddenSize` with
    /// `encoder.embedding_hidden_mapping_in`; for BERT it equals `hiddenSize`.
    public var embeddingSize: Int
    /// `num_hidden_groups` (ALBERT): how many distinct layer parameter sets; 1 for BERT.
    public var numHiddenGroups: Int
    /// `inner_group_num` (ALBERT): layers inside each group; 1 for BERT.
    public var innerGroupNum: Int

    /// Width of one attention head, `hiddenSize / numAttentionHeads`.
    public var headSize: Int { hiddenSize / numAttentionHeads }

    enum CodingKeys: String, CodingKey {
        case family = "model_type"
        case vocabSize = "vocab_size"
        case hiddenSize = "hidden_size"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case hiddenAct = "hidden_act"
        case maxPositionEmbeddings = "max_position_embeddings"
        case typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps"
        case padTokenId = "pad_token_id"
        case embeddingSize = "embedding_size"
        case numHiddenGroups = "num_hidden_groups"
        case innerGroupNum = "inner_group_num"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decodeIfPresent(Family.self, forKey: .family)
            ?? (c.contains(.numHiddenGroups) ? .albert : .bert)
        let albert = family == .albert
        vocabSize = try c.decodeIfPresent(Int.self, forKey: .vocabSize) ?? (albert ? 30000 : 30522)
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? (albert ? 4096 : 768)
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? 12
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? (albert ? 64 : 12)
        intermediateSize = try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? (albert ? 16384 : 3072)
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? (albert ? "gelu_new" : "gelu")
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 512
        typeVocabSize = try c.decodeIfPresent(Int.self, forKey: .typeVocabSize) ?? 2
        layerNormEps = try c.decodeIfPresent(Double.self, forKey: .layerNormEps) ?? 1e-12
        padTokenId = try c.decodeIfPresent(Int.self, forKey: .padTokenId)
        // BERT has no embedding_size key: its embeddings are as wide as the hidden layers.
        embeddingSize = try c.decodeIfPresent(Int.self, forKey: .embeddingSize) ?? (albert ? 128 : hiddenSize)
        numHiddenGroups = try c.decodeIfPresent(Int.self, forKey: .numHiddenGroups) ?? 1
        innerGroupNum = try c.decodeIfPresent(Int.self, forKey: .innerGroupNum) ?? 1

        guard numAttentionHeads > 0, hiddenSize % numAttentionHeads == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .numAttentionHeads, in: c,
                debugDescription: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
        }
        guard numHiddenGroups > 0, numHiddenLayers % numHiddenGroups == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .numHiddenGroups, in: c,
                debugDescription: "num_hidden_layers \(numHiddenLayers) is not a multiple of num_hidden_groups \(numHiddenGroups)")
        }
    }
}
