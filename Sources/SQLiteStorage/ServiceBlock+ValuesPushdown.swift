/// A bind join's values sent inside the sub-SELECT a SERVICE pattern is, rather than joined with
/// its solutions: `SERVICE <kg> { SELECT ?e (COUNT(*) AS ?n) { ?e ?p ?o } GROUP BY ?e }` after
/// 620 linked entities asked the endpoint to count the triples of every subject it holds, then to
/// join 500 of them with all those groups (65k groups against coatt's demo store: 18–21 s a
/// request; DBpedia's would not answer at all). With the values as the sub-SELECT's first member,
/// it counts the triples of those 500 only.
extension ServiceBlock {
    /// The group pattern sent with `values` (a VALUES block over `variables`): the pattern as a
    /// group of its own after the values, or the values inside its sub-SELECT when that gives the
    /// same solutions.
    func pattern(joinedWith values: String, on variables: [String]) -> String {
        guard let subSelect = pushdownSubSelect(on: Set(variables)) else { return values + " { " + pattern + " }" }
        let tokens = query.tokens, scalars = query.scalars
        let afterOpen = tokens[subSelect.whereGroup.lowerBound].range.upperBound
        let start = tokens[open + 1].range.lowerBound, end = tokens[close - 1].range.upperBound
        return String(scalars: scalars[start..<afterOpen]) + " " + values + String(scalars: scalars[afterOpen..<end])
    }

    /// The pattern's sub-SELECT when it is the whole pattern (alone, or alone in a group) and the
    /// values of `variables` may be joined inside it: it has no LIMIT, OFFSET or VALUES of its own;
    /// its WHERE clause only joins (no OPTIONAL, MINUS or BIND at its top, no AS or sub-SELECT
    /// anywhere in it, so nothing there assigns the variables) and names every one of them; and it
    /// either groups by every one of them as a plain key, or neither groups nor aggregates and
    /// projects them (or `*`). A join on group keys keeps or drops whole groups, so joining first
    /// makes the same groups; a join on projected variables commutes with the projection.
    private func pushdownSubSelect(on variables: Set<String>) -> SelectClause? {
        let tokens = query.tokens
        var first = open + 1, last = close
        if first < last, tokens[first].isPunctuation("{"), tokens.indexAfterBracketed(from: first) == last { (first, last) = (first + 1, last - 1) }
        guard first < last, tokens[first].isKeyword("SELECT"), let clause = SelectClause(tokens, select: first),
              clause.whereGroup.upperBound < last else { return nil }
        let group = clause.whereGroup
        let modifiers = tokens[(group.upperBound + 1)..<last]
        guard !modifiers.contains(where: { $0.isKeyword("LIMIT") || $0.isKeyword("OFFSET") || $0.isKeyword("VALUES") }),
              membersOnlyJoin((group.lowerBound + 1)..<group.upperBound),
              !tokens[group].contains(where: { $0.isKeyword("AS") || $0.isKeyword("SELECT") }),
              variables.isSubset(of: Set(tokens[group].filter { $0.kind == .variable }.map { String($0.text.dropFirst()) }))
        else { return nil }
        if clause.grouped {
            return variables.isSubset(of: plainVariables(in: clause.groupKeys)) ? clause : nil
        }
        guard clause.having.isEmpty, !tokens[clause.projection].callsAggregate,
              clause.projectsAll || variables.isSubset(of: plainVariables(in: clause.projection)) else { return nil }
        return clause
    }

    /// The variables in `range` outside brackets (not those of an expression).
    private func plainVariables(in range: Range<Int>) -> Set<String> {
        var names = Set<String>(), index = range.lowerBound
        while index < range.upperBound {
            if query.tokens[index].kind == .variable { names.insert(String(query.tokens[index].text.dropFirst())) }
            index = query.tokens.indexAfterBracketed(from: index) ?? range.upperBound
        }
        return names
    }
}
