import RDFModel

/// YEAR, MONTH and DAY of an xsd:date, as Jena, Oxigraph and Virtuoso answer them. SPARQL 1.1
/// defines them on xsd:dateTime only and rasqal 0.9.33 answers an error for a date, so
/// `YEAR(?birthDate)` over DBpedia, whose dates are xsd:date, gave nothing. For a variable
/// argument, `YEAR(?d)` becomes `IF(DATATYPE(?d) = xsd:date, <the year read from the text>,
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
                  tokens[index + 2].kind == .variable, tokens[index + 3].isPunctuation(")") else { continue }
            let variable = tokens[index + 2].text
            let text = "STR(\(variable))"
            let zoneAndDate = "IF(STRENDS(\(text), \"Z\"), 7, IF(SUBSTR(\(text), STRLEN(\(text)) - 2, 1) = \":\", 12, 6))"
            let yearLength = "(STRLEN(\(text)) - \(zoneAndDate))"
            let part = switch function {
            case "YEAR": "SUBSTR(\(text), 1, \(yearLength))"
            case "MONTH": "SUBSTR(\(text), \(yearLength) + 2, 2)"
            default: "SUBSTR(\(text), \(yearLength) + 5, 2)"
            }
            edits.replace(index..<(index + 4), of: tokens, with:
                "IF(DATATYPE(\(variable)) = \(Self.xsdDate), <\(Vocabulary.xsdInteger)>(\(part)) + 0, \(function)(\(variable)))")
        }
        return edits
    }
}
