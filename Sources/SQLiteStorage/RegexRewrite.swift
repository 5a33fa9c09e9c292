import RDFModel

/// The constant patterns of REGEX and REPLACE written for rasqal's POSIX regex
/// (`RegexTranslation`), their flags cut to the ones rasqal applies. A pattern or flags given by
/// a variable or an expression are left as written (and read the POSIX way).
struct RegexRewrite: TokenWalk {
    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()
    /// The first pattern that cannot be translated, with the reason.
    private(set) var refusal: UnsupportedQuery?

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        for index in tokens.indices where index + 1 < tokens.count && tokens[index + 1].isPunctuation("(") {
            let isReplace = tokens[index].isKeyword("REPLACE")
            guard isReplace || tokens[index].isKeyword("REGEX"), let end = tokens.indexAfterBracketed(from: index + 1) else { continue }
            let arguments = tokens.arguments(between: index + 1, and: end - 1)
            let patternAt = 1, flagsAt = isReplace ? 3 : 2
            guard arguments.count > patternAt, arguments.count <= flagsAt + 1 else { continue }
            func constant(_ position: Int) -> (token: Int, value: String)? {
                let range = arguments[position]
                guard range.count == 1, let value = tokens[range.lowerBound].stringValue else { return nil }
                return (range.lowerBound, value)
            }
            let flags = arguments.count > flagsAt ? constant(flagsAt) : (token: -1, value: "")
            guard let pattern = constant(patternAt), let flags else { continue }
            do {
                let translated = try RegexTranslation.translate(pattern.value, flags: flags.value, forReplace: isReplace)
                if translated.pattern != pattern.value {
                    edits.replace(pattern.token..<pattern.token + 1, of: tokens, with: RDFTerm.literal(translated.pattern).ntriples)
                }
                if flags.token >= 0 && translated.flags != flags.value {
                    edits.replace(flags.token..<flags.token + 1, of: tokens, with: RDFTerm.literal(translated.flags).ntriples)
                }
            } catch {
                if refusal == nil { refusal = UnsupportedQuery(description: "the pattern \"\(pattern.value)\": \(error.reason)") }
            }
        }
    }

    /// `query` with its constant patterns translated (unchanged when there are none); throws
    /// `UnsupportedQuery` for a pattern POSIX cannot express.
    static func translated(_ query: String) throws -> String {
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return query }
        var rewrite = RegexRewrite(tokens: tokens, scalars: scalars)
        rewrite.findEdits()
        if let refusal = rewrite.refusal { throw refusal }
        return rewrite.edits.isEmpty ? query : rewrite.edits.applied(to: scalars)
    }
}
