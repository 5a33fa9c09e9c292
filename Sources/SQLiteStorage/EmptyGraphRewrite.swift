/// `GRAPH ?g {}` and `GRAPH <g> {}` answered as SPARQL 1.1 says: one solution per named graph of
/// the dataset (binding `?g`), and one solution when `<g>` is one of them, none otherwise. rasqal
/// 0.9.33 answered `GRAPH ?g {}` with the first graph alone (its empty pattern does not start
/// again for the next graph), answered `GRAPH <unknown> {}` with a solution, and printed an
/// assertion of raptor's. The empty group gets the unit triple (`ValuesRewrite.unit`), which the
/// triples source matches once in the default graph and in each named graph of the dataset.
enum EmptyGraphRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices where tokens[index].isKeyword("GRAPH") && index + 3 < tokens.count {
            guard [.variable, .iri, .prefixedName].contains(tokens[index + 1].kind),
                  tokens[index + 2].isPunctuation("{"), tokens[index + 3].isPunctuation("}") else { continue }
            let unit = "<\(ValuesRewrite.unit)>"
            edits.replace((index + 2)..<(index + 4), of: tokens, with: "{ \(unit) \(unit) \(unit) }")
        }
        return edits
    }
}
