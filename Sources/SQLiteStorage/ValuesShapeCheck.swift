import Redland

/// A row of `VALUES (?a ?b) { … }` with more or fewer values than the block has variables:
/// SPARQL 1.1 makes that a syntax error (§10.2.1; the W3C tests syn-bad-values-too-many and
/// -too-few), as Oxigraph and Jena report it. rasqal 0.9.33 dropped the values beyond the last
/// variable and left the missing ones unbound, silently.
enum ValuesShapeCheck {
    /// The error for the query's first such row; nil when there is none.
    static func refusal(in query: TokenizedQuery) -> SPARQLSyntaxError? {
        let tokens = query.tokens
        for index in tokens.indices where tokens[index].isKeyword("VALUES") && index + 1 < tokens.count && tokens[index + 1].isPunctuation("(") {
            guard let open = tokens.indexAfterBracketed(from: index + 1), open < tokens.count, tokens[open].isPunctuation("{") else { continue }
            let variables = open - index - 3  // between the brackets
            var row = open + 1, number = 1
            while row < tokens.count, tokens[row].isPunctuation("("), let values = tokens.dataBlockValues(from: row + 1, closedBy: ")") {
                if values.values.count != variables {
                    let message = "row \(number) of this VALUES block has \(values.values.count) value\(values.values.count == 1 ? "" : "s") "
                        + "for its \(variables) variable\(variables == 1 ? "" : "s"): write UNDEF for a value left unbound"
                    return SPARQLSyntaxError(message, at: tokens[row], in: query.scalars)
                }
                (row, number) = (values.end, number + 1)
            }
        }
        return nil
    }
}
