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
    /// The tokens of `range` one space apart, keywords in upper case: two expressions spelled
    /// alike are the same expression to rasqal, whatever their white space and case.
    func spelling(_ range: Range<Int>) -> String {
        self[range].map { $0.kind == .word ? $0.text.uppercased() : $0.text }.joined(separator: " ")
    }

    /// The text of `self[range]` as written, from the first token's start to the last one's end.
    func source(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> String {
        String(scalars: scalars[self[range.lowerBound].range.lowerBound..<self[range.upperBound - 1].range.upperBound])
    }
}

/// A query's text, as scalars, and its tokens: what a rewrite reads.
struct TokenizedQuery {
    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    /// `text` tokenised; nil when it does not tokenise (an unclosed string or IRI), which rasqal reports.
    init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        self.init(tokens: tokens, scalars: scalars)
    }
}

/// A rewrite of a query's text made of edits to its tokens: it reads the tokens, finds its edits,
/// and the text is rewritten with them.
protocol TokenRewrite {
    /// The edits that rewrite `query`; none when there is nothing to rewrite.
    static func edits(in query: TokenizedQuery) -> TextEdits
}

extension TokenRewrite {
    /// `query` rewritten; nil when the rewrite finds nothing to edit or the query cannot be read.
    static func rewritten(_ query: String) -> String? {
        guard let tokenized = TokenizedQuery(query) else { return nil }
        let edits = edits(in: tokenized)
        return edits.isEmpty ? nil : edits.applied(to: tokenized.scalars)
    }
}

/// A rewrite that keeps count of what it adds while it walks the tokens (hidden variables, the
/// number of each aggregate: `ValuesRewrite`, `StringArgumentRewrite`, `AggregateRewrite`, …).
protocol TokenWalk: TokenRewrite {
    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar])
    var edits: TextEdits { get }
    /// Reads the tokens and records the edits.
    mutating func findEdits()
}

extension TokenWalk {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        var walk = Self(tokens: query.tokens, scalars: query.scalars)
        walk.findEdits()
        return walk.edits
    }
}
