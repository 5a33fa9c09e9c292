/// Replacements in a query's text, made at once. Each keeps the line breaks of the text it
/// replaces (after its own), so rasqal's messages about later lines keep their line numbers.
struct TextEdits {
    private(set) var edits: [(range: Range<Int>, text: String)] = []

    var isEmpty: Bool { edits.isEmpty }

    /// Replaces the scalars of `range`; an empty range inserts.
    mutating func replace(_ range: Range<Int>, with text: String) { edits.append((range, text)) }

    /// Replaces the text of `tokens[range]`.
    mutating func replace(_ range: Range<Int>, of tokens: [SPARQLToken], with text: String) {
        replace(tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound, with: text)
    }

    func overlaps(_ range: Range<Int>) -> Bool { edits.contains { $0.range.overlaps(range) } }

    /// `scalars` with the edits made; an edit starting inside an earlier one is left out.
    func applied(to scalars: [Unicode.Scalar]) -> String {
        var text = "", copied = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where edit.range.lowerBound >= copied {
            text += String(scalars: scalars[copied..<edit.range.lowerBound])
            text += edit.text
            text += String(repeating: "\n", count: scalars[edit.range].count { $0 == "\n" })
            copied = edit.range.upperBound
        }
        return text + String(scalars: scalars[copied...])
    }
}

extension Array where Element == SPARQLToken {
    /// The text of `self[range]` as written, from the first token's start to the last one's end.
    func source(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> String {
        String(scalars: scalars[self[range.lowerBound].range.lowerBound..<self[range.upperBound - 1].range.upperBound])
    }
}

/// A rewrite of a query's text made of edits to its tokens (`ValuesRewrite`,
/// `StringArgumentRewrite`, `AggregateRewrite`): it reads the tokens, finds its edits, and the
/// text is rewritten with them.
protocol TokenRewrite {
    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar])
    var edits: TextEdits { get }
    /// Reads the tokens and records the edits.
    mutating func findEdits()
}

extension TokenRewrite {
    /// `query` rewritten; nil when the rewrite finds nothing to edit or the query cannot be read.
    static func rewritten(_ query: String) -> String? {
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        var rewrite = Self(tokens: tokens, scalars: scalars)
        rewrite.findEdits()
        return rewrite.edits.isEmpty ? nil : rewrite.edits.applied(to: scalars)
    }
}
