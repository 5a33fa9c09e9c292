import Redland

/// A variable assigned where it is already bound: SPARQL 1.1 makes these syntax errors (§18.2.1),
/// as Oxigraph and Jena report them, and rasqal 0.9.33 answered them in silence:
///
/// - `BIND(… AS ?v)` after a member of its group that binds ?v (`?s ?p ?o BIND(1 AS ?o)` gave no
///   solutions);
/// - `(… AS ?v)` in a SELECT that does not group, where its WHERE clause binds ?v (`SELECT ?s
///   (1 AS ?s)` gave ?s from the pattern);
/// - a projection that names one variable twice with AS, or with AS before or after projecting
///   it (`(1 AS ?x) (2 AS ?x)` gave 2).
enum AssignmentScopeCheck {
    /// The error for the query's first such assignment; nil when there is none.
    static func refusal(in query: TokenizedQuery) -> SPARQLSyntaxError? {
        let tokens = query.tokens
        func refusal(_ variable: SPARQLToken, _ why: String) -> SPARQLSyntaxError {
            SPARQLSyntaxError("\(variable.text) \(why)", at: variable, in: query.scalars)
        }
        var groups: [Int] = []  // the `{` of each group open at `index`
        for index in tokens.indices {
            if tokens[index].isPunctuation("{") { groups.append(index) }
            if tokens[index].isPunctuation("}") { _ = groups.popLast() }
            guard tokens[index].isKeyword("BIND"), let group = groups.last, let end = tokens.indexAfterBracketed(from: index + 1),
                  let variable = tokens.assignedVariable(inBracketed: (index + 1)..<end) else { continue }
            if InScopeVariables.names(in: (group + 1)..<index, of: tokens).contains(String(variable.variableName)) {
                return refusal(variable, "is already bound in its group before this BIND, which must assign a new variable")
            }
        }
        for clause in SelectClause.all(in: tokens) where !clause.projectsAll {
            let bound = clause.groupsSolutions(in: tokens)
                ? [] : InScopeVariables.names(in: (clause.whereGroup.lowerBound + 1)..<clause.whereGroup.upperBound, of: tokens)
            var projected: Set<String> = [], assigned: Set<String> = []
            for item in clause.projectionItems(in: tokens) {
                switch item {
                case .variable(let token):
                    let name = String(token.variableName)
                    if assigned.contains(name) { return refusal(token, "is projected twice: it was assigned with (… AS \(token.text)) before") }
                    projected.insert(name)
                case .expression(_, let variable?):
                    let name = String(variable.variableName)
                    if projected.contains(name) { return refusal(variable, "is projected twice: (… AS \(variable.text)) must name a new variable") }
                    if bound.contains(name) {
                        return refusal(variable, "is already bound by the WHERE clause: (… AS \(variable.text)) must name a new variable")
                    }
                    projected.insert(name)
                    assigned.insert(name)
                case .expression(_, nil):
                    break
                }
            }
        }
        return nil
    }
}
