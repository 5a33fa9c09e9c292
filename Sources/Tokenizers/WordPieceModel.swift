/// Greedy longest-match-first WordPiece over one word, as Hugging Face's `WordPiece` model.
struct WordPieceModel: Sendable {
    let vocabulary: Vocabulary
    let unknownId: Int
    /// Longer words (counted in scalars after normalisation) become one unknown token.
    let maxInputCharsPerWord: Int

    /// The pieces of `word`: ids with the index ranges (in `word`'s indices) they cover. A word
    /// that is too long, or has any remainder no vocabulary entry matches, becomes a single
    /// unknown token over the whole word, not a partial split.
    func pieces(of word: ArraySlice<Unicode.Scalar>) -> [(id: Int, range: Range<Int>)] {
        let unknown = [(id: unknownId, range: word.indices)]
        guard word.count <= maxInputCharsPerWord else { return unknown }
        var pieces: [(id: Int, range: Range<Int>)] = []
        var start = word.startIndex
        while start < word.endIndex {
            let continuation = start > word.startIndex
            // Nothing longer than the longest vocabulary entry can match, so start there.
            var end = min(word.endIndex, start + vocabulary.longestPiece)
            var match: Int?
            while end > start {
                if let id = vocabulary.id(of: word[start..<end], continuation: continuation) {
                    match = id
                    break
                }
                end -= 1
            }
            guard let id = match else { return unknown }
            pieces.append((id, start..<end))
            start = end
        }
        return pieces
    }
}
