import Foundation

/// REPLACE calls rasqal 0.9.33 cannot answer, refused before they run. Its REPLACE never ends
/// when the pattern matches the empty string somewhere (`"^"`, `"a*"`, `"\\b"`): it matches at
/// the same place again and again. And it fills a group reference of the replacement (`"$1"`)
/// with the wrong text. Only constant patterns and replacements are checked; a pattern is taken
/// to match the empty string when it does so in any of a few sample texts.
enum ReplaceCheck {
    private static let samples = ["", "a", "ab c", "A1-_.\n z"]

    /// Why the query cannot be answered, for its first such REPLACE; nil when none is found.
    static func refusal(in query: String) -> UnsupportedQuery? {
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        for index in tokens.indices where tokens[index].isKeyword("REPLACE") && index + 1 < tokens.count && tokens[index + 1].isPunctuation("(") {
            guard let end = tokens.indexAfterBracketed(from: index + 1) else { continue }
            // Each argument's value when it is a string literal.
            let arguments = tokens.arguments(between: index + 1, and: end - 1).map { $0.count == 1 ? tokens[$0.lowerBound].stringValue : nil }
            guard arguments.count >= 2, let pattern = arguments[1] else { continue }
            if matchesEmpty(pattern, flags: arguments.count > 3 ? arguments[3] ?? "" : "") {
                return UnsupportedQuery(description: "REPLACE's pattern \"\(pattern)\" can match the empty string, where rasqal 0.9.33 "
                    + "never ends: write a pattern that matches at least one character")
            }
            if arguments.count > 2, let replacement = arguments[2], refersToGroup(replacement) {
                return UnsupportedQuery(description: "REPLACE's replacement \"\(replacement)\" refers to a group ($1 …), "
                    + "which rasqal 0.9.33 fills with the wrong text: use STRBEFORE, STRAFTER or SUBSTR instead")
            }
        }
        return nil
    }

    /// `pattern` arrives written for rasqal (`RegexRewrite`): the flags s, m, x and q are applied
    /// to it already, and only `i` can be left.
    private static func matchesEmpty(_ pattern: String, flags: String) -> Bool {
        let options: NSRegularExpression.Options = flags.contains("i") ? [.caseInsensitive] : []
        guard let expression = try? NSRegularExpression(pattern: pattern, options: options) else { return false }
        return samples.contains { sample in
            expression.matches(in: sample, range: NSRange(sample.startIndex..., in: sample)).contains { $0.range.length == 0 }
        }
    }

    /// `$` and a digit, not escaped as `\$`.
    private static func refersToGroup(_ replacement: String) -> Bool {
        var escaped = false, dollar = false
        for character in replacement {
            if dollar && character.isASCII && character.isNumber { return true }
            dollar = !escaped && character == "$"
            escaped = !escaped && character == "\\"
        }
        return false
    }
}
