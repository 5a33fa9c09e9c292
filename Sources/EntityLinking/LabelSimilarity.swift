/// How similar a normalised surface is to a normalised label that is not the same string, in [0, 0.99]
/// (1 is kept for exact labels): the larger of
/// - the word containment 0.5 + 0.5 · surface words / label words when the surface's words are a
///   contiguous run of the label's (`mourinho` in `jose mourinho`: 0.75), since posts name people by
///   surname and clubs without their suffix;
/// - ``characterDiscount`` × the best of the trigram Dice coefficient (``TrigramIndex``) and the edit
///   similarity 1 − Levenshtein distance / longer length: character near-misses are discounted
///   because over a KG extract they mostly name another entity (`Arlington` ~ `Darlington`, Dice 0.86;
///   `Keith` ~ `Leith`, edit 0.8), the surface's own entity being absent.
enum LabelSimilarity {
    static let characterDiscount: Float = 0.6

    static func fuzzy(_ surface: String, _ label: String, dice: Float) -> Float {
        min(max(wordContainment(surface, label), characterDiscount * max(dice, edit(surface, label))), 0.99)
    }

    static func edit(_ a: String, _ b: String) -> Float {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let longer = max(x.count, y.count)
        guard longer > 0 else { return 1 }
        var previous = Array(0...y.count), current = [Int](repeating: 0, count: y.count + 1)
        for i in x.indices {
            current[0] = i + 1
            for j in stride(from: 1, through: y.count, by: 1) {
                let substitution = previous[j - 1] + (x[i] == y[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return 1 - Float(previous[y.count]) / Float(longer)
    }

    static func wordContainment(_ surface: String, _ label: String) -> Float {
        let words = surface.split(separator: " "), labelWords = label.split(separator: " ")
        guard !words.isEmpty, words.count < labelWords.count else { return 0 }
        for start in 0...(labelWords.count - words.count) where labelWords[start..<(start + words.count)].elementsEqual(words) {
            return 0.5 + 0.5 * Float(words.count) / Float(labelWords.count)
        }
        return 0
    }
}
