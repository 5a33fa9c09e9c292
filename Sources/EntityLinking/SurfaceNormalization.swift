import Foundation

/// How mention surfaces and KG labels are made comparable for candidate lookup.
///
/// Both sides go through ``normalize(_:)``: a word's leading `#` or `@` is dropped and every word is
/// split at its camel-case, letter/digit and `_` boundaries (`#JoseMourinho` → `jose mourinho`,
/// `@real_madrid` → `real madrid`, `#NYCMarathon` → `nyc marathon`), since hashtags and user names
/// glue names that labels spell as words. Words without `#` are split too, because the Twitter
/// datasets (and so the tagger's spans) separate `#` from the hashtag's body; labels are split the
/// same way, so `LeBron James` still equals `#LeBronJames` (`le bron james`).
/// Then accents are folded (canonical decomposition without nonspacing marks: DBpedia labels keep
/// them, posts mostly do not), letters lower-cased, `'` and `.` deleted (`Macy's` ~ `Macys`,
/// `U.S.` ~ `US`), every other non-alphanumeric scalar made a space, and spaces collapsed.
/// Differs from NER's `LabelNormalization`, which compares single words and keeps punctuation as
/// words of their own for the tagger's word-level gazetteer.
public enum SurfaceNormalization {
    /// The comparable form of a surface or label; empty when nothing alphanumeric is left.
    public static func normalize(_ text: String) -> String {
        var spaced = String.UnicodeScalarView()
        for word in text.split(whereSeparator: \.isWhitespace) {
            if !spaced.isEmpty { spaced.append(" ") }
            let scalars = word.unicodeScalars
            let hasMarker = scalars.first == "#" || scalars.first == "@"
            spaced.append(contentsOf: splitCompound(hasMarker ? scalars.dropFirst() : scalars))
        }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        // ASCII has nothing to decompose (most surfaces: Foundation's decomposition costs microseconds).
        let decomposed = spaced.allSatisfy(\.isASCII) ? String(spaced) : String(spaced).decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" || scalar == "." { continue }
            switch kind(of: scalar) {
            case .mark:
                continue
            case .other:
                pendingSpace = !result.isEmpty
            case .upper, .lower, .digit:
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                if scalar.isASCII {
                    result.append(kind(of: scalar) == .upper ? Unicode.Scalar(UInt8(scalar.value) | 0x20) : scalar)
                } else {
                    result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
        }
        return String(result)
    }

    /// A word with spaces at its inner word boundaries: lower→upper (`JoseMourinho`),
    /// the last capital of a run before a lower-case letter (`NYCMarathon`), letter↔digit, and `_`.
    static func splitCompound(_ scalars: Substring.UnicodeScalarView) -> String.UnicodeScalarView {
        let body = Array(scalars), kinds = body.map(kind(of:))
        var result = String.UnicodeScalarView()
        for (index, scalar) in body.enumerated() {
            if scalar == "_" {
                result.append(" ")
                continue
            }
            if index > 0 {
                let (previous, current) = (kinds[index - 1], kinds[index])
                let next = index + 1 < body.count ? kinds[index + 1] : .other
                let isLetter: (ScalarKind) -> Bool = { $0 == .upper || $0 == .lower }
                let startsWord = (current == .upper && previous == .lower)
                    || (current == .upper && previous == .upper && next == .lower)
                    || (current == .digit && isLetter(previous)) || (isLetter(current) && previous == .digit)
                if startsWord { result.append(" ") }
            }
            result.append(scalar)
        }
        return result
    }

    /// What normalisation tells apart in a scalar; letters without case count as lower-case.
    enum ScalarKind { case upper, lower, digit, mark, other }

    static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        if scalar.isASCII {
            switch scalar.value {
            case 0x41...0x5A: return .upper
            case 0x61...0x7A: return .lower
            case 0x30...0x39: return .digit
            default: return .other
            }
        }
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark { return .mark }
        if properties.numericType != nil { return .digit }
        guard properties.isAlphabetic else { return .other }
        return properties.isUppercase ? .upper : .lower
    }
}
