import Redland

/// The error for a prefixed name whose prefix no PREFIX declares — the commonest slip in SPARQL.
///
/// rasqal reports it without a line (`The namespace prefix in "foo:bar" was not declared.`),
/// followed by its parser's `syntax error, unexpected $end` at the last line, which sends the
/// reader looking for a truncated query; inside EXISTS or MINUS, which the store reads before
/// rasqal, it was reported as rasqal's failure to read EXISTS. This names the line of the name
/// instead, and the namespace to declare when the prefix is one CoAttKG writes itself. Asked only
/// once a query or update has failed to parse.
enum UndeclaredPrefixError {
    /// The error for the first prefixed name of `text` (a query or an update request) that no
    /// PREFIX before it declares; nil when there is none or the text does not tokenise.
    static func refusal(in text: String) -> SPARQLSyntaxError? {
        guard let query = TokenizedQuery(text) else { return nil }
        var declared: Set<Substring> = []
        var index = 0
        while index < query.tokens.count {
            let token = query.tokens[index]
            if token.isKeyword("PREFIX"), index + 1 < query.tokens.count, query.tokens[index + 1].kind == .prefixedName {
                declared.insert(query.tokens[index + 1].text.dropLast())
                index += 2
                continue
            }
            if token.kind == .prefixedName {
                let prefix = token.text.prefix { $0 != ":" }
                if !declared.contains(prefix) {
                    let namespace = RDFSerializer.commonPrefixes[String(prefix)] ?? "…"
                    return SPARQLSyntaxError("the prefix \(prefix): of \(token.text) is not declared: "
                                             + "add PREFIX \(prefix): <\(namespace)> before it", at: token, in: query.scalars)
                }
            }
            index += 1
        }
        return nil
    }
}
