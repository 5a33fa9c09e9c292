import Tokenizers

/// Word-level BIO tags spread over sub-words, so a CRF can run over every sub-word position:
/// a word's first sub-word keeps its tag, the rest continue it (I- of its type, or O), and the
/// special and padding positions are O.
public enum SubwordLabels {
    /// Label ids (indexes into `MNERDataset.tags`) for each of `encoding`'s positions, padded
    /// with O to `length`.
    public static func align(_ encoding: Encoding, wordTags: [String], length: Int) -> [Int] {
        var labels = [Int](repeating: 0, count: length)
        for (word, range) in encoding.wordTokenRanges.enumerated() where word < wordTags.count {
            let tag = wordTags[word]
            let continuation = tag == "O" ? "O" : "I-" + tag.dropFirst(2)
            for (offset, position) in range.enumerated() where position < length {
                labels[position] = MNERDataset.tags.firstIndex(of: offset == 0 ? tag : continuation) ?? 0
            }
        }
        return labels
    }
}
