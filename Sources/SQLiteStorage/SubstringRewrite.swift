/// SUBSTR answered as SPARQL 1.1 says (XPath's fn:substring: the characters at positions p with
/// start ≤ p < start + length). rasqal 0.9.33 reads a length of 0 or less as "to the end"
/// (`SUBSTR("abc", 2, 0)` gave "bc"), counts from the first character when start is below 1
/// (`SUBSTR("abc", 0, 2)` gave "ab", not "a"), and answers no value where the substring is empty
/// past the end (`SUBSTR("abc", 4)`). It clips a length running past the end right. So
///
///     SUBSTR(s, start, length)  →  IF(start + length <= a, <empty>, COALESCE(SUBSTR(s, a, start + length - a), <empty>))
///
/// with `a = IF(start > 1, start, 1)`, and `SUBSTR(s, start)` → `COALESCE(SUBSTR(s, a), <empty>)`;
/// `<empty>` is the empty string with the text's language tag, and an error where the text is no
/// string (an IRI, a number) or start no number, as SUBSTR's is: `IF(a > 0, REPLACE(s, ".*", "",
/// "s"), "")`, evaluated only where the answer is empty. Arguments are written again where they are used, so start is evaluated a
/// few times (arguments have no side effects).
enum SubstringRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        var edits = TextEdits(), index = 0
        while index < query.tokens.count {
            guard let end = callEnd(at: index, in: query.tokens) else {
                index += 1
                continue
            }
            if let text = rendered(call: index..<end, of: query) { edits.replace(index..<end, of: query.tokens, with: text) }
            index = end
        }
        return edits
    }

    /// The index after `SUBSTR( … )` starting at `index`; nil when no such call starts there.
    private static func callEnd(at index: Int, in tokens: [SPARQLToken]) -> Int? {
        guard tokens[index].isKeyword("SUBSTR"), index + 1 < tokens.count, tokens[index + 1].isPunctuation("(") else { return nil }
        return tokens.indexAfterBracketed(from: index + 1)
    }

    /// The call clipped as above, its arguments rendered too; nil when it has not two or three arguments.
    private static func rendered(call: Range<Int>, of query: TokenizedQuery) -> String? {
        let arguments = query.tokens.arguments(between: call.lowerBound + 1, and: call.upperBound - 1)
        guard arguments.count == 2 || arguments.count == 3, arguments.allSatisfy({ !$0.isEmpty }) else { return nil }
        let parts = arguments.map { "(" + rendered($0, of: query) + ")" }
        let (text, start) = (parts[0], parts[1])
        let first = "IF(\(start) > 1, \(start), 1)"
        // An error, too, when start is no number (`first` is then an error).
        let empty = "IF(\(first) > 0, REPLACE(\(text), \".*\", \"\", \"s\"), \"\")"
        guard parts.count == 3 else { return "COALESCE(SUBSTR(\(text), \(first)), \(empty))" }
        let after = "\(start) + \(parts[2])"
        return "IF(\(after) <= \(first), \(empty), COALESCE(SUBSTR(\(text), \(first), \(after) - \(first)), \(empty)))"
    }

    /// The text of `range` with every SUBSTR call in it rendered.
    private static func rendered(_ range: Range<Int>, of query: TokenizedQuery) -> String {
        let (tokens, scalars) = (query.tokens, query.scalars)
        var text = "", index = range.lowerBound, copied = tokens[range.lowerBound].range.lowerBound
        while index < range.upperBound {
            guard let end = callEnd(at: index, in: tokens), end <= range.upperBound, let call = rendered(call: index..<end, of: query) else {
                index += 1
                continue
            }
            text += String(scalars: scalars[copied..<tokens[index].range.lowerBound]) + call
            copied = tokens[end - 1].range.upperBound
            index = end
        }
        return text + String(scalars: scalars[copied..<max(copied, tokens[range.upperBound - 1].range.upperBound)])
    }
}
