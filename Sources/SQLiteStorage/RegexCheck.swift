/// The constant patterns of REGEX and REPLACE checked before the query runs: one POSIX cannot
/// express (`RegexTranslation`) refuses the query with the reason, where a pattern computed
/// while it runs fails it then (`RegexTranslator`).
enum RegexCheck {
    /// Why the query cannot be answered, for its first pattern that cannot be translated; nil
    /// when there is none.
    static func refusal(in query: String) -> UnsupportedQuery? {
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        for index in tokens.indices where index + 1 < tokens.count && tokens[index + 1].isPunctuation("(") {
            let isReplace = tokens[index].isKeyword("REPLACE")
            guard isReplace || tokens[index].isKeyword("REGEX"), let end = tokens.indexAfterBracketed(from: index + 1) else { continue }
            let arguments = tokens.arguments(between: index + 1, and: end - 1)
            let patternAt = 1, flagsAt = isReplace ? 3 : 2
            guard arguments.count > patternAt, arguments.count <= flagsAt + 1 else { continue }
            func constant(_ position: Int) -> String? {
                let range = arguments[position]
                return range.count == 1 ? tokens[range.lowerBound].stringValue : nil
            }
            guard let pattern = constant(patternAt), let flags = arguments.count > flagsAt ? constant(flagsAt) : "" else { continue }
            do {
                _ = try RegexTranslation.translate(pattern, flags: flags, forReplace: isReplace)
            } catch {
                return UnsupportedQuery(description: "the pattern \"\(pattern)\": \(error.reason)")
            }
        }
        return nil
    }
}
