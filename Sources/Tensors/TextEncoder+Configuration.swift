import Foundation

extension TextEncoder {
    /// A BERT-family encoder's hyper-parameters (from a checkpoint's `config.json`), with the
    /// two switches that make one ``TextEncoder`` serve both BERT and ALBERT.
    public struct Configuration: Sendable, Equatable {
        /// Decides the weight names and the defaults of the two switches.
        public enum Family: String, Sendable {
            case bert, albert
        }

        public var family: Family
        public var vocabSize: Int
        public var hiddenSize: Int
        /// How many layers run (for ALBERT: applications of the shared layer).
        public var layerCount: Int
        public var headCount: Int
        public var intermediateSize: Int
        public var maxPositionEmbeddings: Int
        public var typeVocabSize: Int
        /// The token embeddings' width: `embedding_size` for ALBERT, `hidden_size` for BERT.
        public var embeddingSize: Int
        public var activation: Activation
        public var layerNormEpsilon: Float
        public var hiddenDropoutProbability: Float
        public var attentionDropoutProbability: Float
        /// Standard deviation of the random initialisation.
        public var initializerRange: Float
        /// Embeddings of width ``embeddingSize`` are projected to ``hiddenSize`` by
        /// `encoder.embedding_hidden_mapping_in` (ALBERT).
        public var projectsEmbeddings: Bool
        /// One set of layer parameters is applied ``layerCount`` times (ALBERT).
        public var sharesLayers: Bool

        /// The switches follow `family`.
        public init(family: Family, vocabSize: Int, hiddenSize: Int, layerCount: Int, headCount: Int,
                    intermediateSize: Int, maxPositionEmbeddings: Int, typeVocabSize: Int, embeddingSize: Int? = nil,
                    activation: Activation, layerNormEpsilon: Float, hiddenDropoutProbability: Float = 0.1,
                    attentionDropoutProbability: Float = 0.1, initializerRange: Float = 0.02) {
            precondition(headCount > 0 && hiddenSize % headCount == 0,
                         "TextEncoder: hidden size \(hiddenSize) is not divisible by \(headCount) heads")
            self.family = family
            self.vocabSize = vocabSize
            self.hiddenSize = hiddenSize
            self.layerCount = layerCount
            self.headCount = headCount
            self.intermediateSize = intermediateSize
            self.maxPositionEmbeddings = maxPositionEmbeddings
            self.typeVocabSize = typeVocabSize
            self.embeddingSize = family == .albert ? embeddingSize ?? hiddenSize : hiddenSize
            self.activation = activation
            self.layerNormEpsilon = layerNormEpsilon
            self.hiddenDropoutProbability = hiddenDropoutProbability
            self.attentionDropoutProbability = attentionDropoutProbability
            self.initializerRange = initializerRange
            projectsEmbeddings = family == .albert
            sharesLayers = family == .albert
        }

        /// Reads a `config.json`.
        public init(contentsOf url: URL) throws {
            try self.init(json: Data(contentsOf: url))
        }

        /// Parses `config.json` contents (model_type `bert` or `albert`). Throws for an
        /// unknown `hidden_act` or an ALBERT layout other than one group of one layer.
        public init(json: Data) throws {
            let raw = try JSONDecoder().decode(RawConfig.self, from: json)
            guard let family = Family(rawValue: raw.model_type) else {
                throw ConfigurationError("model_type \"\(raw.model_type)\" (bert and albert are supported)")
            }
            guard let activation = Activation(configName: raw.hidden_act) else {
                throw ConfigurationError("hidden_act \"\(raw.hidden_act)\"")
            }
            if family == .albert, raw.num_hidden_groups ?? 1 != 1 || raw.inner_group_num ?? 1 != 1 {
                throw ConfigurationError("ALBERT with num_hidden_groups \(raw.num_hidden_groups ?? 1) and inner_group_num \(raw.inner_group_num ?? 1)")
            }
            guard raw.num_attention_heads > 0, raw.hidden_size % raw.num_attention_heads == 0 else {
                throw ConfigurationError("hidden_size \(raw.hidden_size) with \(raw.num_attention_heads) heads")
            }
            self.init(family: family, vocabSize: raw.vocab_size, hiddenSize: raw.hidden_size,
                      layerCount: raw.num_hidden_layers, headCount: raw.num_attention_heads,
                      intermediateSize: raw.intermediate_size, maxPositionEmbeddings: raw.max_position_embeddings,
                      typeVocabSize: raw.type_vocab_size, embeddingSize: raw.embedding_size, activation: activation,
                      layerNormEpsilon: Float(raw.layer_norm_eps),
                      hiddenDropoutProbability: Float(raw.hidden_dropout_prob ?? 0.1),
                      attentionDropoutProbability: Float(raw.attention_probs_dropout_prob ?? 0.1),
                      initializerRange: Float(raw.initializer_range ?? 0.02))
        }

        /// The checkpoint names of the layers.
        var layerNames: TransformerLayer.Names { family == .albert ? .albert : .bert }

        /// The JSON keys as transformers writes them.
        private struct RawConfig: Decodable {
            let model_type: String
            let vocab_size: Int, hidden_size: Int, num_hidden_layers: Int, num_attention_heads: Int
            let intermediate_size: Int, max_position_embeddings: Int, type_vocab_size: Int
            let embedding_size: Int?
            let hidden_act: String
            let layer_norm_eps: Double
            let hidden_dropout_prob: Double?, attention_probs_dropout_prob: Double?, initializer_range: Double?
            let num_hidden_groups: Int?, inner_group_num: Int?
        }
    }

    /// A `config.json` this module cannot run.
    public struct ConfigurationError: Error, CustomStringConvertible {
        public let description: String

        init(_ unsupported: String) {
            description = "config.json: unsupported \(unsupported)"
        }
    }
}
