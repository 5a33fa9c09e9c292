/// One encoded sequence: ids for the model plus what is needed to map tokens back to words
/// and text. All arrays have one entry per token, `[CLS]`, `[SEP]` and padding included.
public struct Encoding: Equatable, Sendable {
    /// Vocabulary ids (`input_ids`).
    public let ids: [Int]
    /// The tokens as vocabulary strings, e.g. `["[CLS]", "jose", "##mour", "##inho", "[SEP]"]`.
    public let tokens: [String]
    /// Where each token came from, in Unicode scalars (Python `str` indices) of the input:
    /// of the text for ``WordPieceTokenizer/encode(text:addSpecialTokens:maxLength:)``, of its
    /// own word for ``WordPieceTokenizer/encode(words:addSpecialTokens:maxLength:)``. Nil for
    /// added `[CLS]`, `[SEP]` and padding. Sub-words of one decomposed character share its range.
    public let offsets: [Range<Int>?]
    /// The word each token belongs to (Hugging Face's `word_ids()`): the index of the input
    /// word, or for free text the index of the pre-tokenised word (split at whitespace and
    /// punctuation). Nil for added special tokens and padding.
    public let wordIds: [Int?]
    /// 1 for real tokens, 0 for padding.
    public let attentionMask: [Int]
    /// Segment ids; 0 throughout, as only single sequences are encoded.
    public let tokenTypeIds: [Int]
    /// For each word, the positions of its tokens. Empty for a word that produced none: one
    /// that normalisation erased (a lone U+FE0F variation selector or zero-width space, which
    /// the Twitter data has) or that truncation cut off; an empty range still sits where the
    /// word's tokens would have been.
    public let wordTokenRanges: [Range<Int>]

    /// Number of tokens.
    public var count: Int { ids.count }

    /// The position of each word's first sub-token, whose hidden state tags the word; nil for
    /// a word without tokens.
    public var firstTokenIndices: [Int?] {
        wordTokenRanges.map { $0.isEmpty ? nil : $0.lowerBound }
    }
}

/// One token before special tokens and padding are added.
struct PieceToken {
    let id: Int
    let offsets: Range<Int>
    let word: Int
}

extension Encoding {
    /// Truncates `pieces` (in word order) to fit `maxLength` with the special tokens, adds
    /// `[CLS]` and `[SEP]`, and works out the word ranges for `wordCount` words.
    init(pieces: [PieceToken], wordCount: Int, vocabulary: Vocabulary,
         specialIds: (classifier: Int, separator: Int)?, maxLength: Int?) {
        let specialCount = specialIds == nil ? 0 : 2
        if let maxLength {
            precondition(maxLength >= specialCount, "maxLength \(maxLength) leaves no room for [CLS] and [SEP]")
        }
        let kept = maxLength.map { pieces.prefix($0 - specialCount) } ?? pieces[...]

        var ids = kept.map(\.id)
        var offsets: [Range<Int>?] = kept.map(\.offsets)
        var wordIds: [Int?] = kept.map(\.word)
        if let specialIds {
            ids = [specialIds.classifier] + ids + [specialIds.separator]
            offsets = [nil] + offsets + [nil]
            wordIds = [nil] + wordIds + [nil]
        }

        var ranges: [Range<Int>] = []
        var position = specialIds == nil ? 0 : 1
        var next = kept.startIndex
        for word in 0..<wordCount {
            let start = position
            while next < kept.endIndex, kept[next].word == word {
                next += 1
                position += 1
            }
            ranges.append(start..<position)
        }

        self.init(ids: ids, tokens: ids.map { vocabulary.tokens[$0] }, offsets: offsets, wordIds: wordIds,
                  attentionMask: Array(repeating: 1, count: ids.count),
                  tokenTypeIds: Array(repeating: 0, count: ids.count), wordTokenRanges: ranges)
    }

    /// This encoding with `padding` appended up to `length` tokens (mask 0, no word, no offsets).
    func padded(to length: Int, id padding: Int, token: String) -> Encoding {
        let extra = length - count
        precondition(extra >= 0, "sequence of \(count) tokens is longer than the padded length \(length); truncate with maxLength")
        return Encoding(ids: ids + repeatElement(padding, count: extra),
                        tokens: tokens + repeatElement(token, count: extra),
                        offsets: offsets + repeatElement(nil, count: extra),
                        wordIds: wordIds + repeatElement(nil, count: extra),
                        attentionMask: attentionMask + repeatElement(0, count: extra),
                        tokenTypeIds: tokenTypeIds + repeatElement(0, count: extra),
                        wordTokenRanges: wordTokenRanges)
    }
}
