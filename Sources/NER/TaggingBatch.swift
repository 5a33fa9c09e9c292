import Tensors
import Tokenizers

/// Posts tokenised for the tagger and padded to their longest: the encoder's input, the
/// sub-word label ids and the mask of scored positions (every real token, `[CLS]` and `[SEP]`
/// included, so the CRF runs over a right-padded prefix of each row).
public struct TaggingBatch: Sendable {
    public let tokens: TokenBatch
    /// One encoding per post, to map sub-word positions back to words.
    public let encodings: [Encoding]
    /// `[size·length]` label ids (indexes into `MNERDataset.tags`), O at special and padding positions.
    public let tags: [Int]
    /// `[size·length]`, 1 at real tokens.
    public let scoredMask: [Int]

    /// Tokenises `posts` by their words, truncated to `maxLength` sub-words, and pads them.
    public init(_ posts: [MNERPost], tokenizer: WordPieceTokenizer, maxLength: Int) {
        encodings = posts.map { tokenizer.encode(words: $0.words, maxLength: maxLength) }
        let padded = tokenizer.pad(encodings)
        let length = padded.sequenceLength
        tokens = TokenBatch(size: padded.batchSize, length: length, inputIds: padded.inputIds,
                            attentionMask: padded.attentionMask, tokenTypeIds: padded.tokenTypeIds)
        tags = zip(encodings, posts).flatMap { SubwordLabels.align($0, wordTags: $1.tags, length: length) }
        scoredMask = padded.attentionMask
    }

    /// Real sub-words in the batch (special tokens included).
    public var subwordCount: Int { scoredMask.reduce(0, +) }
}
