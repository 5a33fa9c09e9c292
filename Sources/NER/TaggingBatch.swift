import Tensors
import Tokenizers

/// Posts tokenised for the tagger and padded to their longest: the encoder's input, the
/// sub-word label ids and the mask of scored positions (every real token, `[CLS]` and `[SEP]`
/// included, so the CRF runs over a right-padded prefix of each row), and the optional inputs
/// of the KG, word-shape and image paths.
public struct TaggingBatch: Sendable {
    public let tokens: TokenBatch
    /// One encoding per post, to map sub-word positions back to words.
    public let encodings: [Encoding]
    /// `[size·length]` label ids (indexes into `MNERDataset.tags`), O at special and padding positions.
    public let tags: [Int]
    /// `[size·length]`, 1 at real tokens.
    public let scoredMask: [Int]
    /// `[size, length, d_KG]` KG vectors per sub-word (zeros where nothing matched), or nil.
    public var knowledge: Tensor?
    /// `[size, length, features]` word-shape features per sub-word, or nil.
    public var shape: Tensor?
    /// `[size, tokens, width]` visual tokens per post (rows of posts without an image are zeros), or nil.
    public var images: Tensor?
    /// Whether each post has an image in `images`.
    public var hasImage: [Bool]

    /// Tokenises `posts` by their words, truncated to `maxLength` sub-words, and pads them.
    public init(_ posts: [MNERPost], tokenizer: WordPieceTokenizer, maxLength: Int) {
        encodings = posts.map { tokenizer.encode(words: $0.words, maxLength: maxLength) }
        let padded = tokenizer.pad(encodings)
        let length = padded.sequenceLength
        tokens = TokenBatch(size: padded.batchSize, length: length, inputIds: padded.inputIds,
                            attentionMask: padded.attentionMask, tokenTypeIds: padded.tokenTypeIds)
        tags = zip(encodings, posts).flatMap { SubwordLabels.align($0, wordTags: $1.tags, length: length) }
        scoredMask = padded.attentionMask
        hasImage = Array(repeating: false, count: posts.count)
    }

    /// Real sub-words in the batch (special tokens included).
    public var subwordCount: Int { scoredMask.reduce(0, +) }
    /// Whether any post of the batch has an image.
    public var anyImage: Bool { images != nil && hasImage.contains(true) }
}
