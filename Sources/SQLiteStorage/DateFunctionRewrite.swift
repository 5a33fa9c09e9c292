import RDFModel

/// YEAR, MONTH and DAY of an xsd:date, as Jena, Oxigraph and Virtuoso answer them. SPARQL 1.1
/// defines them on xsd:dateTime only and rasqal 0.9.33 answers an error for a date, so
/// `YEAR(?birthDate)` over DBpedia, whose dates are xsd:date, gave nothing. For a variable or a
/// typed constant (`"2020-03-04"^^xsd:date`) argument, `YEAR(?d)` becomes `IF(DATATYPE(?d) = xsd:date, <the year read from the text>,
/// YEAR(?d))`: the date's text is `-?YYYY+-MM-DD` and a time zone (`Z`, `±hh:mm` or none), so the
/// year is everything up to the sixth character before the time zone, the month and day the two
/// digits after each later `-`. Only SUBSTR, STRLEN and STRENDS read the text (rasqal misreads
/// computed arguments of CONCAT, STRBEFORE and STRAFTER); `+ 0` makes the number canonical.
enum DateFunctionRewrite: TokenRewrite {
    private static let xsdDate = "<http://www.w3.org/2001/XMLSchema#date>"

    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices where index + 3 < tokens.count && tokens[index].kind == .word {
            let function = tokens[index].text.uppercased()
            guard ["YEAR", "MONTH", "DAY"].contains(function), tokens[index + 1].isPunctuation("("),
                  let close = Self.argumentEnd(in: tokens, from: index + 2), tokens[close].isPunctuation(")") else { continue }
            let variable = tokens.source((index + 2)..<close, in: query.scalars)
            let text = "STR(\(variable))"
            let zoneAndDate = "IF(STRENDS(\(text), \"Z\"), 7, IF(SUBSTR(\(text), STRLEN(\(text)) - 2, 1) = \":\", 12, 6))"
            let yearLength = "(STRLEN(\(text)) - \(zoneAndDate))"
            let part = switch function {
            case "YEAR": "SUBSTR(\(text), 1, \(yearLength))"
            case "MONTH": "SUBSTR(\(text), \(yearLength) + 2, 2)"
            default: "SUBSTR(\(text), \(yearLength) + 5, 2)"
            }
            edits.replace(index..<(close + 1), of: tokens, with:
                "IF(DATATYPE(\(variable)) = \(Self.xsdDate), <\(Vocabulary.xsdInteger)>(\(part)) + 0, \(function)(\(variable)))")
        }
        return edits
    }

    /// Where an argument read cheaply more than once ends: after a variable, or after a typed
    /// literal (`"…"^^xsd:date` or `"…"^^<…>`); nil for any other argument.
    private static func argumentEnd(in tokens: [SPARQLToken], from start: Int) -> Int? {
        if tokens[start].kind == .variable { return start + 1 }
        guard tokens[start].kind == .string, start + 3 < tokens.count, tokens[start + 1].isPunctuation("^^"),
              [.prefixedName, .iri].contains(tokens[start + 2].kind) else { return nil }
        return start + 3
    }
}
