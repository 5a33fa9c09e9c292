/// The spellings of BERT's special tokens; every one must be in the vocabulary except `mask`.
public struct SpecialTokens: Equatable, Sendable {
    /// Stands for any word the vocabulary cannot spell.
    public var unknown: String
    /// Starts every encoded sequence; its hidden state summarises the sequence.
    public var classifier: String
    /// Ends every encoded sequence.
    public var separator: String
    /// Fills sequences up to the batch length.
    public var padding: String
    /// The masked-language-model placeholder; only matched in input text.
    public var mask: String

    /// BERT's defaults: `[UNK]`, `[CLS]`, `[SEP]`, `[PAD]`, `[MASK]`.
    public init(unknown: String = "[UNK]", classifier: String = "[CLS]", separator: String = "[SEP]",
                padding: String = "[PAD]", mask: String = "[MASK]") {
        self.unknown = unknown
        self.classifier = classifier
        self.separator = separator
        self.padding = padding
        self.mask = mask
    }

    var all: [String] { [unknown, classifier, separator, padding, mask] }
}

/// Finds special tokens written literally in the input (`see [MASK] here`), which Hugging Face
/// matches in the raw text, case-sensitively, before any normalisation, and encodes as
/// themselves.
struct SpecialTokenMatcher: Sendable {
    /// A stretch of input: ordinary text to normalise, or one special token.
    enum Segment: Equatable {
        case text(Range<Int>)
        case special(id: Int, range: Range<Int>)
    }

    private let patterns: [(scalars: [Unicode.Scalar], id: Int)]

    /// Matches those of `tokens` that the vocabulary has.
    init(_ tokens: [String], in vocabulary: Vocabulary) {
        patterns = tokens.compactMap { token in
            vocabulary.id(for: token).map { (Array(token.unicodeScalars), $0) }
        }.filter { !$0.scalars.isEmpty }
    }

    /// `scalars` cut into text and special-token segments, leftmost-longest first.
    func segments(of scalars: [Unicode.Scalar]) -> [Segment] {
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while index < scalars.count {
            var longest: (scalars: [Unicode.Scalar], id: Int)?
            for pattern in patterns where pattern.scalars.count > (longest?.scalars.count ?? 0) {
                if scalars[index...].starts(with: pattern.scalars) { longest = pattern }
            }
            guard let match = longest else { index += 1; continue }
            if textStart < index { segments.append(.text(textStart..<index)) }
            let end = index + match.scalars.count
            segments.append(.special(id: match.id, range: index..<end))
            index = end
            textStart = end
        }
        if textStart < scalars.count { segments.append(.text(textStart..<scalars.count)) }
        return segments
    }
}
