/// A group that starts with OPTIONAL answered as SPARQL 1.1 says: the OPTIONAL extends the one
/// empty solution the group starts from. rasqal 0.9.33 starts such a group from no solution, so
/// `SELECT ?l { OPTIONAL { <x> rdfs:label ?l } }` answered nothing where <x> has no label (one
/// solution, ?l unbound), and `{ OPTIONAL { … } ?s ?p ?o }` nothing where the OPTIONAL did not
/// match. The group gets the unit triple first (`ValuesRewrite.unit`, matched once in every
/// dataset, binding nothing).
enum LeadingOptionalRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices.dropLast() where tokens[index].isPunctuation("{") && tokens[index + 1].isKeyword("OPTIONAL") {
            let after = tokens[index].range.upperBound
            let unit = "<\(ValuesRewrite.unit)>"
            edits.replace(after..<after, with: " \(unit) \(unit) \(unit) . ")
        }
        return edits
    }
}
