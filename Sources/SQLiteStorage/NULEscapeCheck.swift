/// Finds a NUL character (U+0000) written into the strings or IRIs of SPARQL text, as `\u0000`,
/// `\U00000000` or itself. rasqal keeps terms as C strings, so an update would store the term
/// cut short at the NUL without a word (the store refuses such terms from files and code too).
enum NULEscapeCheck {
    /// The first string or IRI holding a NUL, if any (comments are not looked at).
    static func offendingTerm(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }  // rasqal reports the unclosed string
        return tokens.first { ($0.kind == .string || $0.kind == .iri) && holdsNUL(Array($0.text.unicodeScalars)) }?.text
    }

    private static func holdsNUL(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\0" { return true }
            if scalars[index] == "\\", index + 1 < scalars.count {
                let digits = scalars[index + 1] == "u" ? 4 : scalars[index + 1] == "U" ? 8 : 0
                let start = index + 2
                if digits > 0, start + digits <= scalars.count, scalars[start..<start + digits].allSatisfy({ $0 == "0" }) { return true }
                index += 2  // an escaped character, perhaps a backslash, is never the start of another escape
                continue
            }
            index += 1
        }
        return false
    }
}
