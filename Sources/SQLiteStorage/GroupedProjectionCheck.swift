import Redland

/// A grouped SELECT (one with GROUP BY, or with aggregates and no GROUP BY) that reads a variable
/// which is no group key outside an aggregate, in its projection or HAVING: SPARQL 1.1 makes that
/// a syntax error (§11.4, §18.2.4.1; the W3C tests agg08 to agg12), as Oxigraph and Jena report
/// it, because a group has no one value for it. rasqal 0.9.33 answered with the value of the
/// group's first solution, so `SELECT ?name (COUNT(?film) AS ?films) { … } GROUP BY ?actor` gave
/// one arbitrary name per actor, silently. `SELECT *` is refused too (the W3C test syn-bad-01),
/// where rasqal gave the ungrouped solutions. A variable the projection itself has made with
/// `(… AS ?v)` before may be read after it, and an expression that is a GROUP BY key written the
/// same (`SELECT (YEAR(?d) AS ?y) … GROUP BY YEAR(?d)`) may be projected: Jena reads that so and
/// the store names the key by it (`GroupKeyRewrite`), where Oxigraph and the W3C test agg08 refuse it.
enum GroupedProjectionCheck {
    /// The error for the query's first such variable; nil when there is none.
    static func refusal(in query: TokenizedQuery) -> SPARQLSyntaxError? {
        let tokens = query.tokens
        for clause in SelectClause.all(in: tokens) where clause.groupsSolutions(in: tokens) {
            if clause.projectsAll {
                return SPARQLSyntaxError("SELECT * cannot project a grouped query's solutions: name its GROUP BY keys and aggregates instead",
                                         at: tokens[clause.projection.lowerBound], in: query.scalars)
            }
            guard let keys = groupKeys(clause.groupKeys, in: tokens) else { continue }
            var allowed = keys.variables
            func refusal(_ token: SPARQLToken) -> SPARQLSyntaxError {
                SPARQLSyntaxError(message(for: String(token.variableName), grouped: clause.grouped), at: token, in: query.scalars)
            }
            for item in clause.projectionItems(in: tokens) {
                switch item {
                case .variable(let token):
                    if !allowed.contains(String(token.variableName)) { return refusal(token) }
                case .expression(let expression, let assigned):
                    if !keys.expressions.contains(tokens.spelling(expression)),
                       let ungrouped = firstUngrouped(in: expression, allowed: allowed, tokens) {
                        return refusal(ungrouped)
                    }
                    if let assigned { allowed.insert(String(assigned.variableName)) }
                }
            }
            if let ungrouped = firstUngrouped(in: clause.having, allowed: allowed, tokens) { return refusal(ungrouped) }
        }
        return nil
    }

    /// The first variable of an expression read outside its aggregates (and EXISTS patterns)
    /// that is not `allowed`.
    private static func firstUngrouped(in range: Range<Int>, allowed: Set<String>, _ tokens: [SPARQLToken]) -> SPARQLToken? {
        let aggregates = tokens.aggregateCalls(in: range)
        var index = range.lowerBound
        while index < range.upperBound {
            if let call = aggregates.first(where: { $0.lowerBound == index }) {
                index = call.upperBound
            } else if tokens[index].isPunctuation("{"), let end = tokens.indexAfterBracketed(from: index) {
                index = end
            } else {
                if tokens[index].kind == .variable, !allowed.contains(String(tokens[index].variableName)) { return tokens[index] }
                index += 1
            }
        }
        return nil
    }

    /// The variables GROUP BY's keys name (`?v`, `(?v)`, `(… AS ?v)`) and the spellings of its
    /// other keys' expressions (`(…)`, `NAME(…)`); nil when the keys do not read so (rasqal then
    /// refuses the query itself).
    private static func groupKeys(_ range: Range<Int>, in tokens: [SPARQLToken]) -> (variables: Set<String>, expressions: Set<String>)? {
        guard let keys = tokens.groupKeys(in: range) else { return nil }
        var variables: Set<String> = [], expressions: Set<String> = []
        for key in keys {
            let expression = key.expression ?? key.tokens
            if let variable = key.variable {
                variables.insert(String(variable.dropFirst()))
            } else if expression.count == 1, tokens[expression.lowerBound].kind == .variable {
                variables.insert(String(tokens[expression.lowerBound].variableName))
            } else {
                expressions.insert(tokens.spelling(expression))
            }
        }
        return (variables, expressions)
    }

    private static func message(for name: String, grouped: Bool) -> String {
        let groups = grouped ? "it is not a GROUP BY key" : "the query aggregates its solutions into one group"
        return "?\(name) is used outside an aggregate, but \(groups), so a group has no one value of it: "
            + "group by it too, or use an aggregate of it such as SAMPLE(?\(name))"
    }
}
