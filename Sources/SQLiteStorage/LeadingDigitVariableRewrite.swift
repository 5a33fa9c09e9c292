/// Variables whose names start with a digit, which SPARQL allows (`VARNAME ::= ( PN_CHARS_U |
/// [0-9] ) …`) and rasqal 0.9.33 refuses ("Invalid SPARQL name"), renamed for it: `?1a` becomes
/// `?coatt_digit_1a`, and answers and update templates give the name back (`originalName`).
/// Oxigraph names the variables it makes up so (`?6ae57b4d…`) in the patterns it sends SERVICE
/// endpoints, which coatt's endpoint refused.
enum LeadingDigitVariableRewrite: TokenRewrite {
    /// What a renamed variable's name starts with (a variable of the query named so is read back
    /// without it too).
    static let prefix = "coatt_digit_"

    static func edits(in query: TokenizedQuery) -> TextEdits {
        var edits = TextEdits()
        for (index, token) in query.tokens.enumerated() where token.kind == .variable {
            guard let first = token.text.unicodeScalars.dropFirst().first, ("0"..."9").contains(first) else { continue }
            edits.replace(index..<(index + 1), of: query.tokens, with: String(token.text.prefix(1)) + prefix + token.text.dropFirst())
        }
        return edits
    }

    /// A variable's name as the query wrote it.
    static func originalName(_ name: String) -> String {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }
}
