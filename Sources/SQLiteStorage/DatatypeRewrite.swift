import RDFModel

/// DATATYPE of a language-tagged literal answered as SPARQL 1.1 says: `rdf:langString` (RDF 1.1).
/// rasqal 0.9.33 answers an error, so `FILTER(DATATYPE(?o) != xsd:integer)` dropped every tagged
/// label and `GROUP BY (DATATYPE(?o) AS ?t)` put them under no datatype. `DATATYPE(x)` becomes
/// `IF(LANG(x) != "", rdf:langString, DATATYPE(x))`: LANG is an error for IRIs and blank nodes,
/// as DATATYPE is. An argument other than a variable or a constant is evaluated twice; one that
/// itself holds a DATATYPE is left as written.
enum DatatypeRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        var index = 0
        while index + 1 < tokens.count {
            guard tokens[index].isKeyword("DATATYPE"), tokens[index + 1].isPunctuation("("),
                  let end = tokens.indexAfterBracketed(from: index + 1), end - index > 3,
                  !tokens[(index + 2)..<(end - 1)].contains(where: { $0.isKeyword("DATATYPE") }) else {
                index += 1
                continue
            }
            let argument = tokens.source((index + 2)..<(end - 1), in: query.scalars)
            edits.replace(index..<end, of: tokens,
                          with: "IF(LANG(\(argument)) != \"\", <\(Vocabulary.rdfLangString)>, DATATYPE(\(argument)))")
            index = end
        }
        return edits
    }
}
