import Redland

/// The errors in the words of a query or update that rasqal reports without saying what is wrong
/// (`SPARQL syntax error at 'S'`), or far from where it is:
///
/// - a string the text never closes (rasqal: `at '"'`, or `unexpected $end` for a long string);
/// - an IRI never closed (`<http://e/a }`, `<http://e/a b>`), which rasqal read as the prefixed
///   name `http:`, or inside an expression as white space in an IRI;
/// - a PREFIX declaration without its colon or its IRI's brackets, which rasqal reported as the
///   prefix being undeclared where it was used, or as `http:` being undeclared;
/// - a prefixed name whose prefix no PREFIX declares — the commonest slip in SPARQL: rasqal gave
///   no line, and followed it with `syntax error, unexpected $end` at the last line; inside EXISTS
///   or MINUS, which the store reads before rasqal, it was reported as rasqal's failure to read
///   EXISTS. The message names the namespace to declare when the prefix is one CoAttKG writes;
/// - a word that is no keyword or function (`SELCT`, `LIMT`, `strlenn(…)`).
///
/// Asked only once a query or update has failed to parse.
enum LexicalError {
    /// The error in the words of `text`; nil when its words are sound.
    /// - Parameter rasqalErrors: what rasqal said of the text, which places a word it did not know.
    static func refusal(in text: String, rasqalErrors: [RedlandMessage] = []) -> SPARQLSyntaxError? {
        let scalars = Array(text.unicodeScalars)
        switch SPARQLToken.tokenized(scalars) {
        case .failure(let unclosed):
            let opening = String(scalars: scalars[unclosed.start..<min(scalars.count, unclosed.start + 12)])
                .prefix { $0 != "\n" }
            return SPARQLSyntaxError("the string \(opening)… is never closed", atOffset: unclosed.start, in: scalars)
        case .success(let tokens):
            let query = TokenizedQuery(tokens: tokens, scalars: scalars)
            return undeclaredPrefix(in: query) ?? unknownWord(in: query, rasqalErrors: rasqalErrors)
        }
    }

    private static func undeclaredPrefix(in query: TokenizedQuery) -> SPARQLSyntaxError? {
        let tokens = query.tokens
        var declared: Set<Substring> = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.isKeyword("PREFIX") {
                guard index + 2 < tokens.count, tokens[index + 1].kind == .prefixedName, tokens[index + 1].text.last == ":",
                      tokens[index + 2].kind == .iri else {
                    return SPARQLSyntaxError("a PREFIX declaration is written PREFIX name: <namespace IRI>", at: token, in: query.scalars)
                }
                declared.insert(tokens[index + 1].text.dropLast())
                index += 3
                continue
            }
            if token.kind == .prefixedName {
                let prefix = token.text.prefix { $0 != ":" }
                // `<http://e/a` without its `>` (or with white space before it) reads as `<`, the
                // name `http:` and `/`; `LessThanRewrite` may have put a space after the `<`.
                if index > 0, tokens[index - 1].isPunctuation("<"),
                   index + 1 < tokens.count, tokens[index + 1].isPunctuation("/"), tokens[index + 1].range.lowerBound == token.range.upperBound {
                    let written = query.scalars[token.range.lowerBound...].prefix { !$0.properties.isWhitespace && $0 != ">" }.prefix(40)
                    return SPARQLSyntaxError("the IRI <\(String(scalars: written))… is not closed: an IRI ends with > and holds no white space",
                                             at: token, in: query.scalars)
                }
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

    /// The word rasqal's lexer stopped at (`SPARQL syntax error at 'n'` on line 2: the first word
    /// of line 2 that holds an n and is no SPARQL word).
    private static func unknownWord(in query: TokenizedQuery, rasqalErrors: [RedlandMessage]) -> SPARQLSyntaxError? {
        let marker = "SPARQL syntax error at '"
        guard let error = rasqalErrors.first(where: { $0.text.hasPrefix(marker) && $0.line != nil }),
              let character = error.text.dropFirst(marker.count).first, character.isLetter else { return nil }
        let word = query.tokens.first { token in
            token.kind == .word && !token.text.hasPrefix("@") && token.text.contains(character)
                && SPARQLSyntaxError.line(of: token.range.lowerBound, in: query.scalars) == error.line
                && !sparqlWords.contains(token.text.uppercased())
        }
        return word.map { SPARQLSyntaxError("\($0.text) is no SPARQL keyword or function", at: $0, in: query.scalars) }
    }

    /// The keywords and function names of SPARQL 1.1 Query and Update, upper-cased.
    private static let sparqlWords: Set<String> = [
        "BASE", "PREFIX", "SELECT", "DISTINCT", "REDUCED", "AS", "CONSTRUCT", "WHERE", "DESCRIBE", "ASK", "FROM",
        "NAMED", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "VALUES", "LOAD", "SILENT",
        "INTO", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "TO", "INSERT", "DATA", "DELETE", "WITH", "USING",
        "DEFAULT", "GRAPH", "ALL", "OPTIONAL", "SERVICE", "BIND", "UNDEF", "MINUS", "UNION", "FILTER", "A", "TRUE",
        "FALSE", "IN", "NOT", "EXISTS", "SEPARATOR",
        "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL", "FLOOR",
        "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS", "STRENDS",
        "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "NOW",
        "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE", "IF", "STRLANG", "STRDT",
        "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX", "SUBSTR", "REPLACE", "COUNT",
        "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT",
    ]
}
