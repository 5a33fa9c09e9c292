import CRedland
import RDFModel

/// Aggregates over no solutions, which rasqal 0.9.33 gets backwards. SPARQL 1.1 (§11.2, §18.5)
/// aggregates a query without GROUP BY over one implicit group even when it is empty, so
/// `SELECT (COUNT(*) AS ?n) { … }` answers one solution, 0; rasqal answers none. With GROUP BY,
/// no solutions make no groups; rasqal makes one group of one empty row (COUNT 1, keys unbound).
enum EmptyGroups {
    /// The solution of the implicit group when it is empty, for `variables`: COUNT, SUM and AVG
    /// 0, GROUP_CONCAT "", MIN, MAX and SAMPLE unbound (their error). nil unless every projected
    /// item of the query is `(AGGREGATE(…) AS ?name)` and no GROUP BY, HAVING, LIMIT 0 or OFFSET
    /// applies.
    ///
    /// The aggregates are read from the text: rasqal's prepared query keeps only internal
    /// variables in their place.
    static func implicitGroupSolution(of query: OpaquePointer, text: String, variables: [String]) -> [RDFTerm?]? {
        guard rasqal_query_get_verb(query) == RASQAL_QUERY_VERB_SELECT, !hasGroupBy(query),
              raptorSequenceCount(rasqal_query_get_having_conditions_sequence(query)) == 0,
              rasqal_query_get_limit(query) != 0, rasqal_query_get_offset(query) <= 0,
              let aggregates = projectedAggregates(in: text), !variables.isEmpty
        else { return nil }
        var values: [RDFTerm?] = []
        for variable in variables {
            if VisibleSolutions.isHidden(variable) {
                values.append(nil)  // dropped before anyone reads it
                continue
            }
            switch aggregates[variable] {
            case "COUNT", "SUM", "AVG": values.append(.literal("0", datatype: Vocabulary.xsdInteger))
            case "GROUP_CONCAT": values.append(.literal(""))
            case "MIN", "MAX", "SAMPLE": values.append(nil)
            default: return nil
            }
        }
        return values
    }

    static func hasGroupBy(_ query: OpaquePointer) -> Bool {
        raptorSequenceCount(rasqal_query_get_group_conditions_sequence(query)) > 0
    }

    /// The query's prologue, dataset and WHERE clause as an ASK, which tells whether a grouped
    /// query's one group came from solutions or was made up by rasqal; nil when the text has
    /// something after the WHERE clause besides solution modifiers (a trailing VALUES).
    static func whereClauseAsk(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars),
              let select = tokens.firstIndex(where: { $0.isKeyword("SELECT") }) else { return nil }
        var index = select + 1
        // The projection ends where the dataset or the WHERE clause starts.
        while index < tokens.count, !(tokens[index].isKeyword("FROM") || tokens[index].isKeyword("WHERE") || tokens[index].isPunctuation("{")) {
            guard let next = tokens.indexAfterBracketed(from: index) else { return nil }
            index = next
        }
        guard let open = tokens[index...].firstIndex(where: { $0.isPunctuation("{") }),
              let close = tokens.indexAfterBracketed(from: open),
              !tokens[close...].contains(where: { $0.isKeyword("VALUES") }) else { return nil }
        return String(scalars: scalars[..<tokens[select].range.lowerBound]) + "ASK "
            + String(scalars: scalars[tokens[index].range.lowerBound..<tokens[close - 1].range.upperBound])
    }

    /// The aggregate each `(AGGREGATE(…) AS ?name)` of the first SELECT clause projects, by name;
    /// nil when the clause projects anything else.
    static func projectedAggregates(in text: String) -> [String: String]? {
        guard let tokens = SPARQLToken.tokens(of: Array(text.unicodeScalars)),
              var index = tokens.firstIndex(where: { $0.isKeyword("SELECT") }) else { return nil }
        index += 1
        if index < tokens.count, tokens[index].isKeyword("DISTINCT") || tokens[index].isKeyword("REDUCED") { index += 1 }
        var aggregates: [String: String] = [:]
        while index < tokens.count, tokens[index].isPunctuation("(") {
            // ( NAME ( … ) AS ?variable )
            guard index + 2 < tokens.count, tokens[index + 1].kind == .word, tokens[index + 2].isPunctuation("(") else { return nil }
            let name = tokens[index + 1].text.uppercased()
            guard let end = tokens.indexAfterBracketed(from: index + 2), end + 2 < tokens.count, tokens[end].isKeyword("AS"), tokens[end + 1].kind == .variable,
                  tokens[end + 2].isPunctuation(")") else { return nil }
            aggregates[String(tokens[end + 1].text.dropFirst())] = name
            index = end + 3
        }
        return aggregates.isEmpty ? nil : aggregates
    }
}
