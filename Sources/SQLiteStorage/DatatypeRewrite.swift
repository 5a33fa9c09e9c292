import RDFModel

/// DATATYPE of a language-tagged literal answered as SPARQL 1.1 says: `rdf:langString` (RDF 1.1).
/// rasqal 0.9.33 answers an error, so `FILTER(DATATYPE(?o) != xsd:integer)` dropped every tagged
/// label and `GROUP BY (DATATYPE(?o) AS ?t)` put them under no datatype. `DATATYPE(?v)` becomes
/// `IF(LANG(?v) != "", rdf:langString, DATATYPE(?v))`: LANG is an error for IRIs and blank nodes,
/// as DATATYPE is. Only a variable argument is rewritten (an expression would be evaluated twice).
enum DatatypeRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices where tokens[index].isKeyword("DATATYPE") && index + 3 < tokens.count {
            guard tokens[index + 1].isPunctuation("("), tokens[index + 2].kind == .variable, tokens[index + 3].isPunctuation(")") else { continue }
            let variable = tokens[index + 2].text
            edits.replace(index..<(index + 4), of: tokens,
                          with: "IF(LANG(\(variable)) != \"\", <\(Vocabulary.rdfLangString)>, DATATYPE(\(variable)))")
        }
        return edits
    }
}
