import Tensors
import Tokenizers

/// A small casing/shape feature vector per word (uncased encoders lose capitalisation), computed
/// from the word as written. Each feature is 0 or 1, in this order:
/// 0 initial capital (the first letter after a leading `#`/`@` is upper-case), 1 all capitals (two
/// or more letters, none lower-case), 2 inner capital (an upper-case letter after a lower-case one:
/// `iPhone`, `McDonald`, `#NewYork`), 3 has a digit, 4 only punctuation and symbols,
/// 5 hashtag (`#` + more), 6 mention (`@` + more), 7 URL (`http://`, `https://` or `www.`).
public enum WordShape {
    public static let featureCount = 8

    /// The features of one word (see the type's description).
    public static func features(of word: String) -> [Float] {
        let scalars = Array(word.unicodeScalars)
        let lowered = word.lowercased()
        let isTag = scalars.count > 1 && (scalars[0] == "#" || scalars[0] == "@")
        let body = isTag ? scalars.dropFirst() : scalars[...]
        let letters = body.filter { $0.properties.isAlphabetic }
        var innerCapital = false
        for (previous, scalar) in zip(letters, letters.dropFirst())
        where scalar.properties.isUppercase && previous.properties.isLowercase { innerCapital = true }
        let flags = [
            letters.first?.properties.isUppercase ?? false,
            letters.count >= 2 && !letters.contains { $0.properties.isLowercase },
            innerCapital,
            scalars.contains { $0.properties.numericType == .decimal },
            !scalars.isEmpty && scalars.allSatisfy { isPunctuationOrSymbol($0) },
            isTag && scalars[0] == "#",
            isTag && scalars[0] == "@",
            lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("www."),
        ]
        return flags.map { $0 ? 1 : 0 }
    }

    /// [B, T, featureCount]: each word's features on its FIRST sub-token (the one that is tagged);
    /// zeros elsewhere (later sub-tokens, special tokens, padding, words without tokens).
    public static func subwordFeatures(words: [[String]], encodings: [Encoding], length: Int) -> Tensor {
        precondition(words.count == encodings.count, "WordShape: \(words.count) posts but \(encodings.count) encodings")
        var values = [Float](repeating: 0, count: words.count * length * featureCount)
        for (post, (postWords, encoding)) in zip(words, encodings).enumerated() {
            for (word, first) in zip(postWords, encoding.firstTokenIndices) {
                guard let first, first < length else { continue }
                let offset = (post * length + first) * featureCount
                values.replaceSubrange(offset..<offset + featureCount, with: features(of: word))
            }
        }
        return Tensor(shape: [words.count, length, featureCount], values: values)
    }

    private static func isPunctuationOrSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
