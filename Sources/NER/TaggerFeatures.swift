import Tensors
import Tokenizers

/// The inputs of a tagger besides the sub-words — KG vectors, word shapes, visual tokens — and
/// how a batch of posts gets them. Which are present must match the tagger's ``TaggerArchitecture``.
public struct TaggerFeatures: Sendable {
    public var knowledge: KnowledgeFeatures?
    public var casing: Bool
    /// `[tokens, width]` visual tokens by IMGID; posts missing here run on the text path.
    public var imageTokens: [String: Tensor]

    public init(knowledge: KnowledgeFeatures? = nil, casing: Bool = false, imageTokens: [String: Tensor] = [:]) {
        (self.knowledge, self.casing, self.imageTokens) = (knowledge, casing, imageTokens)
    }

    /// No features: the text-only tagger's input.
    public static let textOnly = TaggerFeatures()

    /// Tokenises and pads `posts` and attaches the features.
    public func batch(_ posts: [MNERPost], tokenizer: WordPieceTokenizer, maxLength: Int) -> TaggingBatch {
        var batch = TaggingBatch(posts, tokenizer: tokenizer, maxLength: maxLength)
        let words = posts.map(\.words), length = batch.tokens.length
        batch.knowledge = knowledge?.subwordVectors(words: words, encodings: batch.encodings, length: length)
        if casing { batch.shape = WordShape.subwordFeatures(words: words, encodings: batch.encodings, length: length) }
        let found = posts.map { imageTokens[$0.imageID] }
        if let shape = found.lazy.compactMap({ $0 }).first?.shape {
            batch.hasImage = found.map { $0 != nil }
            batch.images = Tensor(shape: [posts.count] + shape,
                                  values: found.flatMap { $0?.values ?? [Float](repeating: 0, count: shape.reduce(1, *)) })
        }
        return batch
    }

    /// Checks that these features feed `architecture`'s inputs; the message names the mismatch.
    public func mismatch(with architecture: TaggerArchitecture) -> String? {
        if (knowledge != nil) != (architecture.knowledgeDimension != nil) || knowledge.map({ $0.dimension }) != architecture.knowledgeDimension {
            return "the model expects \(architecture.knowledgeDimension.map { "KG vectors of dimension \($0)" } ?? "no KG vectors"), "
                + "given \(knowledge.map { "dimension \($0.dimension)" } ?? "none")"
        }
        if casing != (architecture.shapeFeatureCount != nil) {
            return "the model was trained \(architecture.shapeFeatureCount == nil ? "without" : "with") casing features"
        }
        return nil
    }
}
