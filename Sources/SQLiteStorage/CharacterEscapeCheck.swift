import Redland

/// A string or IRI of SPARQL text that holds what cannot be a stored character:
///
/// - a NUL (U+0000), as `\u0000`, `\U00000000` or itself: rasqal keeps terms as C strings, so an
///   update would store the term cut short at the NUL, and a query would compare the cut term
///   (the store refuses such terms from files and code too);
/// - an escape of a surrogate (`\uD800`) or of a number beyond U+10FFFF: SPARQL 1.1 makes that a
///   syntax error (the W3C test syn-invalid-codepoint-escaped-bad-01), where rasqal wrote the
///   bytes of no character and matched nothing.
enum CharacterEscapeCheck {
    /// The error for the first such string or IRI (comments are not looked at); nil when there is none.
    static func refusal(in query: TokenizedQuery) -> SPARQLSyntaxError? {
        for token in query.tokens where token.kind == .string || token.kind == .iri {
            if let problem = problem(in: Array(token.text.unicodeScalars)) {
                return SPARQLSyntaxError("\(token.text) \(problem)", at: token, in: query.scalars)
            }
        }
        return nil
    }

    /// What is wrong with a term's text, if anything.
    private static func problem(in scalars: [Unicode.Scalar]) -> String? {
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\0" { return nulProblem }
            guard scalars[index] == "\\", index + 1 < scalars.count else {
                index += 1
                continue
            }
            let digits = scalars[index + 1] == "u" ? 4 : scalars[index + 1] == "U" ? 8 : 0
            let start = index + 2
            if digits > 0, start + digits <= scalars.count,
               let value = UInt32(String(String.UnicodeScalarView(scalars[start..<start + digits])), radix: 16) {
                let escape = String(String.UnicodeScalarView(scalars[index..<start + digits]))
                if value == 0 { return nulProblem }
                if Unicode.Scalar(value) == nil {
                    return "holds \(escape), which is no character (a surrogate, or beyond U+10FFFF): write the character itself, or its \\U escape"
                }
            }
            index += 2  // an escaped character, perhaps a backslash, is never the start of another escape
        }
        return nil
    }

    private static let nulProblem = "holds a NUL character (\\u0000), which cannot be stored: rasqal ends strings at NUL"
}
