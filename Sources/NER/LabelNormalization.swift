import Foundation

/// How post words and KG labels are made comparable for ``Gazetteer`` matching.
///
/// A word loses one leading `#` or `@` (`#Obama`, `@CNN`), is decomposed canonically, loses its
/// nonspacing marks and is lower-cased per Unicode scalar (no context rules), as BERT's uncased
/// normaliser does. **Accents are folded** because DBpedia labels are Wikipedia titles, which keep
/// them (`José Mourinho`, `Beyoncé`), while tweets mostly drop them (`Jose Mourinho`, `Beyonce`);
/// the uncased encoders the tagger runs on fold them as well.
/// A label is split into words (``words(ofLabel:)``), each normalised the same way.
public enum LabelNormalization {
    /// The comparable form of one word; empty for a word that is only `#`, `@` or marks.
    public static func word(_ word: some StringProtocol) -> String {
        let utf8 = word.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // Most words of a post: plain ASCII, lower-cased byte by byte (keeps matching at microseconds).
            let body = utf8.first == UInt8(ascii: "#") || utf8.first == UInt8(ascii: "@") ? utf8.dropFirst() : utf8[...]
            return String(decoding: body.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = Substring(word).unicodeScalars[...]
        if let first = scalars.first, first == "#" || first == "@" { scalars = scalars.dropFirst() }
        let decomposed = String(String.UnicodeScalarView(scalars)).decomposedStringWithCanonicalMapping
        var result = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(result)
    }

    /// A label's words in comparable form: split at whitespace, and every punctuation character but
    /// `-` made a word of its own, as the Twitter datasets tokenise posts (`Princeton, New Jersey` →
    /// `princeton`, `,`, `new`, `jersey`; `Macy's` → `macy`, `'`, `s`; `Jay-Z` stays one word).
    /// Words that normalise to nothing are dropped.
    public static func words(ofLabel label: String) -> [String] {
        var words: [String] = [], current = ""
        func finish() {
            if !current.isEmpty { words.append(word(current)) }
            current = ""
        }
        for character in label {
            if character.isWhitespace {
                finish()
            } else if character.isPunctuation && character != "-" {
                finish()
                words.append(word(String(character)))
            } else {
                current.append(character)
            }
        }
        finish()
        return words.filter { !$0.isEmpty }
    }
}
