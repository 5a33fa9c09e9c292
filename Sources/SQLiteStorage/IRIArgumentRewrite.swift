/// IRI (or URI) of a variable or constant answered as SPARQL 1.1 defines it: the IRI itself for an
/// IRI, the string resolved for a simple literal or xsd:string, and an error for anything else.
/// rasqal 0.9.33 reads the argument as a string: it failed for an IRI, so `BIND(IRI(?x) AS ?y)`
/// left ?y unbound where ?x was an IRI, and it made an IRI of a number or a tagged literal's text.
/// `IRI(<x>)` becomes `<x>`, and `IRI(?v)` becomes `IF(isIRI(?v), ?v, IF(DATATYPE(?v) =
/// xsd:string, IRI(?v), ?unbound))` (`ExpressionScopeRewrite.unbound`; DATATYPE of a blank node or
/// a tagged literal is an error, so is the IRI). Other arguments are left to rasqal.
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
                let v = argument.text, string = "<http://www.w3.org/2001/XMLSchema#string>"
                edits.replace(call, with: "IF(isIRI(\(v)), \(v), IF(DATATYPE(\(v)) = \(string), \(tokens[index].text)(\(v)), \(ExpressionScopeRewrite.unbound)))")
            default:
                continue
            }
        }
        return edits
    }
}
