/// Several encodings padded to one length, with the model inputs as flat row-major arrays
/// (`batch × sequenceLength`), padding on the right as in Hugging Face.
public struct BatchEncoding: Equatable, Sendable {
    /// The padded encodings, in input order.
    public let encodings: [Encoding]
    /// Tokens per row after padding.
    public let sequenceLength: Int

    /// Number of rows.
    public var batchSize: Int { encodings.count }
    /// `input_ids`, row-major.
    public var inputIds: [Int] { encodings.flatMap(\.ids) }
    /// `attention_mask`, row-major: 1 for real tokens, 0 for padding.
    public var attentionMask: [Int] { encodings.flatMap(\.attentionMask) }
    /// `token_type_ids`, row-major (all 0).
    public var tokenTypeIds: [Int] { encodings.flatMap(\.tokenTypeIds) }
}

/// How long the rows of a batch are.
public enum Padding: Equatable, Sendable {
    /// As long as the longest encoding (`padding="longest"`).
    case longest
    /// Exactly this many tokens (`padding="max_length"`); encodings must not be longer, so
    /// encode them with a `maxLength` no larger.
    case fixed(Int)
}
