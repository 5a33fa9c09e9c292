/// Prefixed names whose local part rasqal 0.9.33 cannot read, written as the IRIs they stand for.
/// SPARQL 1.1 lets a local name hold `:`, `%` and two hex digits, and characters escaped with `\`
/// (`dbr:AC\/DC`, `og:audio:title`, `:b%3D`); rasqal's lexer refused each of them as a syntax
/// error (seven W3C positive syntax tests). Such a name becomes `<` its namespace IRI, its local
/// part with the `\` escapes taken off (a `%` sequence stays as written, as SPARQL says) `>`. A
/// relative namespace IRI stays relative, resolved against the same base as before. A name whose
/// prefix is not declared is left for rasqal to report.
enum PrefixedNameRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var namespaces: [Substring: Substring] = [:], edits = TextEdits()
        for (index, token) in tokens.enumerated() where token.kind == .prefixedName {
            if index > 0, tokens[index - 1].isKeyword("PREFIX"), index + 1 < tokens.count, tokens[index + 1].kind == .iri {
                namespaces[token.text.dropLast()] = tokens[index + 1].text.dropFirst().dropLast()
                continue
            }
            guard let colon = token.text.firstIndex(of: ":"), let namespace = namespaces[token.text[..<colon]] else { continue }
            let local = token.text[token.text.index(after: colon)...]
            guard local.contains(where: { $0 == "\\" || $0 == "%" || $0 == ":" }) else { continue }
            edits.replace(index..<(index + 1), of: tokens, with: "<" + namespace + SPARQLToken.unescapedLocalName(local) + ">")
        }
        return edits
    }
}
