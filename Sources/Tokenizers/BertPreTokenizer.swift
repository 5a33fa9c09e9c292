/// BERT's pre-tokenisation: whitespace separates words and is dropped; every punctuation
/// character becomes a word of its own (`can't` → `can`, `'`, `t`).
enum BertPreTokenizer {
    /// The words of `scalars`, as index ranges into it.
    static func words(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for (index, scalar) in scalars.enumerated() {
            let isSpace = scalar.isBertWhitespace
            if isSpace || scalar.isBertPunctuation {
                if let wordStart = start { words.append(wordStart..<index) }
                start = nil
                if !isSpace { words.append(index..<index + 1) }
            } else if start == nil {
                start = index
            }
        }
        if let wordStart = start { words.append(wordStart..<scalars.count) }
        return words
    }
}
