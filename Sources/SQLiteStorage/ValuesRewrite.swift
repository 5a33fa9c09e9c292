/// `VALUES ?x { a b }` written as `VALUES (?x) { (a) (b) }`, its equal in SPARQL 1.1. rasqal
/// 0.9.33 misreads the one-variable form: it binds the values to successive variables as one
/// row (so `VALUES ?x { 1 2 }` gives one solution), and crashes when the block follows a
/// pattern. The form with parentheses it reads right, wherever it stands.
struct ValuesRewrite {
    /// The query as rasqal is given it.
    let text: String

    /// nil when the query has no one-variable VALUES block.
    init?(_ query: String) {
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        var edits = TextEdits()
        for index in tokens.indices where tokens[index].isKeyword("VALUES") && index + 2 < tokens.count
            && tokens[index + 1].kind == .variable && tokens[index + 2].isPunctuation("{") {
            guard let terms = Self.terms(in: tokens, from: index + 3) else { continue }
            let rows = terms.values.map { "(" + tokens.source($0, in: scalars) + ")" }
            edits.replace(index..<terms.end, of: tokens, with: "VALUES (\(tokens[index + 1].text)) { \(rows.joined(separator: " ")) }")
        }
        guard !edits.isEmpty else { return nil }
        text = edits.applied(to: scalars)
    }

    /// The token ranges of the data block's values from `start` to its `}`, and the index after
    /// it; nil when the block holds anything else.
    private static func terms(in tokens: [SPARQLToken], from start: Int) -> (values: [Range<Int>], end: Int)? {
        var values: [Range<Int>] = [], index = start
        while index < tokens.count, !tokens[index].isPunctuation("}") {
            let token = tokens[index]
            var end = index + 1
            switch token.kind {
            case .string:  // with a language tag or a datatype
                if end < tokens.count, tokens[end].kind == .word, tokens[end].text.hasPrefix("@") {
                    end += 1
                } else if end + 1 < tokens.count, tokens[end].isPunctuation("^^"), [.iri, .prefixedName].contains(tokens[end + 1].kind) {
                    end += 2
                }
            case .punctuation where (token.text == "+" || token.text == "-") && end < tokens.count && tokens[end].kind == .number:
                end += 1
            case .iri, .prefixedName, .number:
                break
            case .word where ["TRUE", "FALSE", "UNDEF"].contains(token.text.uppercased()):
                break
            default:
                return nil
            }
            values.append(index..<end)
            index = end
        }
        return index < tokens.count ? (values, index + 1) : nil
    }
}
