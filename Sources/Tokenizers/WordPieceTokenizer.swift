/// BERT's WordPiece tokenizer, reproducing Hugging Face's `BertTokenizer` (the Rust-backed
/// "fast" one): the same ids, tokens, word ids and offsets.
///
/// Pipeline: literal special tokens are found in the raw text; the rest is normalised
/// (``BertNormalizer``), split into words at whitespace and punctuation, and each word split
/// greedily into the longest vocabulary pieces, `##` marking continuations.
///
/// Where transformers' old pure-Python tokenizer differs, this follows the Rust one: it
/// lower-cases scalar by scalar (a final `Σ` becomes `σ`, not `ς`) and strips accents before
/// lower-casing.
///
/// ```swift
/// let tokenizer = try WordPieceTokenizer(modelFolder: miniLMFolder)
/// let tweet = tokenizer.encode(words: ["RT", "@ESPN", ":", "Messi", "#goal"], maxLength: 128)
/// tweet.firstTokenIndices   // the sub-token that tags each word
/// let batch = tokenizer.pad([tweet, other])   // inputIds, attentionMask, tokenTypeIds
/// ```
public struct WordPieceTokenizer: Sendable {
    /// The vocabulary.
    public let vocabulary: Vocabulary
    /// Special token spellings.
    public let specialTokens: SpecialTokens
    /// Whether input is lower-cased (uncased models such as MiniLM).
    public var lowercase: Bool { normalizer.lowercase }
    /// Whether accents are stripped (NFD, then combining marks dropped).
    public var stripAccents: Bool { normalizer.stripAccents }

    private let normalizer: BertNormalizer
    private let model: WordPieceModel
    private let matcher: SpecialTokenMatcher
    private let classifierId: Int
    private let separatorId: Int
    private let paddingId: Int

    /// - Parameters:
    ///   - lowercase: lower-case the input (`do_lower_case`).
    ///   - stripAccents: strip accents; nil (the default) follows `lowercase`, as in BERT.
    ///   - handleChineseChars: split CJK ideographs into one word each (`tokenize_chinese_chars`).
    ///   - maxInputCharsPerWord: longer words, in scalars after normalisation, become `[UNK]`.
    /// - Throws: ``TokenizerError/missingSpecialToken(_:)`` when the vocabulary lacks the
    ///   unknown, classifier, separator or padding token.
    public init(vocabulary: Vocabulary, lowercase: Bool = true, stripAccents: Bool? = nil,
                handleChineseChars: Bool = true, maxInputCharsPerWord: Int = 100,
                specialTokens: SpecialTokens = SpecialTokens()) throws(TokenizerError) {
        func id(_ token: String) throws(TokenizerError) -> Int {
            guard let id = vocabulary.id(for: token) else { throw .missingSpecialToken(token) }
            return id
        }
        self.vocabulary = vocabulary
        self.specialTokens = specialTokens
        normalizer = BertNormalizer(lowercase: lowercase, stripAccents: stripAccents ?? lowercase,
                                    handleChineseChars: handleChineseChars)
        model = WordPieceModel(vocabulary: vocabulary, unknownId: try id(specialTokens.unknown),
                               maxInputCharsPerWord: maxInputCharsPerWord)
        matcher = SpecialTokenMatcher(specialTokens.all, in: vocabulary)
        classifierId = try id(specialTokens.classifier)
        separatorId = try id(specialTokens.separator)
        paddingId = try id(specialTokens.padding)
    }

    /// Encodes free text. Word ids count pre-tokenised words; offsets index the text's scalars.
    ///
    /// - Parameters:
    ///   - addSpecialTokens: wrap in `[CLS]` … `[SEP]`.
    ///   - maxLength: keep at most this many tokens, special tokens included, by dropping
    ///     tokens from the end. Nil keeps everything (the model's limit is then the caller's).
    public func encode(text: String, addSpecialTokens: Bool = true, maxLength: Int? = nil) -> Encoding {
        let (pieces, wordCount) = tokenize(text)
        return assemble(pieces, wordCount: wordCount, addSpecialTokens: addSpecialTokens, maxLength: maxLength)
    }

    /// Encodes text that is already split into words, one word per input token as in the
    /// Twitter CoNLL files (`is_split_into_words=True`): each word is tokenised on its own,
    /// word ids are indices into `words`, offsets index each word's own scalars, and
    /// ``Encoding/wordTokenRanges`` gives every word's sub-tokens. `addSpecialTokens` and
    /// `maxLength` work as in ``encode(text:addSpecialTokens:maxLength:)``.
    public func encode(words: [String], addSpecialTokens: Bool = true, maxLength: Int? = nil) -> Encoding {
        let pieces = words.enumerated().flatMap { index, word in
            tokenize(word).pieces.map { PieceToken(id: $0.id, offsets: $0.offsets, word: index) }
        }
        return assemble(pieces, wordCount: words.count, addSpecialTokens: addSpecialTokens, maxLength: maxLength)
    }

    /// Pads `encodings` with the padding token to a common length (see ``Padding``).
    public func pad(_ encodings: [Encoding], to padding: Padding = .longest) -> BatchEncoding {
        let length: Int
        switch padding {
        case .longest: length = encodings.map(\.count).max() ?? 0
        case .fixed(let fixed): length = fixed
        }
        return BatchEncoding(encodings: encodings.map { $0.padded(to: length, id: paddingId, token: specialTokens.padding) },
                             sequenceLength: length)
    }

    /// Pieces of `text` with their pre-tokenised word numbers, and how many words there are.
    private func tokenize(_ text: String) -> (pieces: [PieceToken], wordCount: Int) {
        let scalars = Array(text.unicodeScalars)
        var pieces: [PieceToken] = []
        var word = 0
        for segment in matcher.segments(of: scalars) {
            switch segment {
            case let .special(id, range):
                pieces.append(PieceToken(id: id, offsets: range, word: word))
                word += 1
            case let .text(range):
                var normalized = NormalizedText(scalars[range])
                normalizer.normalize(&normalized)
                for wordRange in BertPreTokenizer.words(in: normalized.scalars) {
                    for piece in model.pieces(of: normalized.scalars[wordRange]) {
                        pieces.append(PieceToken(id: piece.id, offsets: normalized.originalRange(of: piece.range), word: word))
                    }
                    word += 1
                }
            }
        }
        return (pieces, word)
    }

    private func assemble(_ pieces: [PieceToken], wordCount: Int, addSpecialTokens: Bool, maxLength: Int?) -> Encoding {
        Encoding(pieces: pieces, wordCount: wordCount, vocabulary: vocabulary,
                 specialIds: addSpecialTokens ? (classifierId, separatorId) : nil, maxLength: maxLength)
    }
}
