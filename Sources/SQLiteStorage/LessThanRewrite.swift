/// `FILTER(?age<40 && ?age>26)`: rasqal 0.9.33's lexer reads `<` and any character but white space
/// as the start of an IRI that runs to the next `>`, white space included, so `<40 && ?age>` was
/// an IRI and the query a syntax error. SPARQL's IRIs hold no white space (Oxigraph and Jena read
/// the comparisons); a `<` in parentheses — an expression's — that opens no IRI is given a space
/// after it. A triple pattern's `<http://e/a b>` is left as it is (rasqal reads it as an IRI).
enum LessThanRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        var edits = TextEdits(), parentheses = 0
        for token in query.tokens where token.kind == .punctuation {
            if token.text == "(" {
                parentheses += 1
            } else if token.text == ")" {
                parentheses -= 1
            } else if token.text == "<", parentheses > 0, token.range.upperBound < query.scalars.count,
                      !query.scalars[token.range.upperBound].properties.isWhitespace {
                edits.replace(token.range.upperBound..<token.range.upperBound, with: " ")
            }
        }
        return edits
    }
}
