/// The variables a part of a group graph pattern binds (SPARQL 1.1 §18.2.1, "in-scope"), read
/// from its tokens: those of triple patterns, nested groups, OPTIONAL, UNION, GRAPH, SERVICE,
/// VALUES and BIND, and the projection of a sub-SELECT; not those read only by a FILTER, a MINUS
/// or an EXISTS pattern, nor a sub-SELECT's own variables it does not project.
enum InScopeVariables {
    /// The names (without `?`) bound by `tokens[range]`, a run of a group's members.
    static func names(in range: Range<Int>, of tokens: [SPARQLToken]) -> Set<String> {
        var names: Set<String> = [], index = range.lowerBound
        while index < range.upperBound {
            let token = tokens[index]
            if token.isKeyword("FILTER") {
                index = afterFilterCondition(at: index + 1, in: tokens)
            } else if token.isKeyword("MINUS") {
                index = tokens.indexAfterBracketed(from: index + 1) ?? range.upperBound
            } else if token.isKeyword("BIND"), let end = tokens.indexAfterBracketed(from: index + 1) {
                if let variable = tokens.assignedVariable(inBracketed: (index + 1)..<end) { names.insert(String(variable.variableName)) }
                index = end
            } else if token.isPunctuation("{"), index + 1 < range.upperBound, tokens[index + 1].isKeyword("SELECT"),
                      let end = tokens.indexAfterBracketed(from: index) {
                names.formUnion(projected(by: index + 1, before: end - 1, in: tokens))
                index = end
            } else {
                if token.kind == .variable { names.insert(String(token.variableName)) }
                index += 1
            }
        }
        return names
    }

    /// After a FILTER's condition starting at `index`: `( … )`, `NAME( … )` or `[NOT] EXISTS { … }`.
    private static func afterFilterCondition(at index: Int, in tokens: [SPARQLToken]) -> Int {
        var index = index
        if index < tokens.count, tokens[index].isKeyword("NOT") { index += 1 }
        if index < tokens.count, tokens[index].isKeyword("EXISTS") { index += 1 }
        if index + 1 < tokens.count, tokens[index].kind != .punctuation, tokens[index + 1].isPunctuation("(") { index += 1 }
        return tokens.indexAfterBracketed(from: index) ?? tokens.count
    }

    /// What the sub-SELECT at `select`, closed at `close`, projects: its variables and `(… AS ?v)`,
    /// or for `*` every variable its WHERE clause binds.
    private static func projected(by select: Int, before close: Int, in tokens: [SPARQLToken]) -> Set<String> {
        guard let projection = tokens.subSelectProjection(at: select, before: close) else { return [] }
        guard projection.wildcard else { return Set(projection.variables.map(String.init)) }
        guard let open = tokens[projection.body..<close].firstIndex(where: { $0.isPunctuation("{") }),
              let end = tokens.indexAfterBracketed(from: open) else { return [] }
        return names(in: (open + 1)..<(end - 1), of: tokens)
    }
}

extension Array where Element == SPARQLToken {
    /// The variable `?v` that a bracketed `( … AS ?v )` (a projection item, a GROUP BY key, a
    /// BIND's brackets) assigns; nil when it does not end so.
    func assignedVariable(inBracketed bracketed: Range<Int>) -> SPARQLToken? {
        let close = bracketed.upperBound - 1
        guard close - 2 > bracketed.lowerBound, self[close - 2].isKeyword("AS"), self[close - 1].kind == .variable else { return nil }
        return self[close - 1]
    }
}
