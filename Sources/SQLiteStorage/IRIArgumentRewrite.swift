/// IRI (or URI) of an IRI answered with that IRI, as SPARQL 1.1 defines it: rasqal 0.9.33 reads the
/// argument as a string and fails for an IRI, so `BIND(IRI(?x) AS ?y)` left ?y unbound where ?x was
/// an IRI. `IRI(<x>)` becomes `<x>`, and `IRI(?v)` becomes `IF(isIRI(?v), ?v, IRI(?v))`; other
/// arguments are left to rasqal (a string is what it reads right).
enum IRIArgumentRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices.dropLast(3)
        where (tokens[index].isKeyword("IRI") || tokens[index].isKeyword("URI")) && tokens[index + 1].isPunctuation("(")
            && tokens[index + 3].isPunctuation(")") {
            let argument = tokens[index + 2], call = tokens[index].range.lowerBound..<tokens[index + 3].range.upperBound
            switch argument.kind {
            case .iri, .prefixedName:
                edits.replace(call, with: argument.text)
            case .variable:
                edits.replace(call, with: "IF(isIRI(\(argument.text)), \(argument.text), \(tokens[index].text)(\(argument.text)))")
            default:
                continue
            }
        }
        return edits
    }
}
