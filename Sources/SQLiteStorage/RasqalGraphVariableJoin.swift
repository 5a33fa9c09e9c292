import CRedland

/// Runs a basic pattern before the `GRAPH ?g` block written right before it when the pattern uses
/// ?g and rasqal runs the block itself (not read in one pass, `RasqalOnePassGraphs`: it holds
/// VALUES, a subquery or a nested GRAPH).
///
/// rasqal 0.9.33 (roqet included) joins such a block wrongly with a pattern after it on ?g: the
/// pattern binds ?g afresh, so `GRAPH ?post { { SELECT ?m { ?m :refersTo ?e } } } ?post
/// :publishedBy ?a` gave 300 rows for 36 mentions, with values of ?post that are no graph. Run
/// first, the pattern gives ?g its values and the block is joined on them, as the same query
/// written in that order always was. Join(B, P) and Join(P, B) have the same solutions, and so do
/// they joined with what comes before them; every group is reordered so, inside OPTIONAL too.
enum RasqalGraphVariableJoin {
    /// Reorders such members in the groups of a prepared query and rebuilds rasqal's map of
    /// where each variable is bound. Returns whether anything moved.
    /// - Parameter readInOnePass: whether the block of this graph variable is read in one pass.
    @discardableResult
    static func reorder(_ query: OpaquePointer, readInOnePass: (UnsafeMutablePointer<rasqal_variable>) -> Bool) throws -> Bool {
        var moved = false
        visitGroups(rasqal_query_get_query_graph_pattern(query)) { group in
            guard let sequence = rasqal_graph_pattern_get_sub_graph_pattern_sequence(group) else { return }
            var members = RasqalGraphPatterns.members(of: group)
            let joined = members.indices.filter { rasqal_graph_pattern_get_operator(members[$0]) != RASQAL_GRAPH_PATTERN_OPERATOR_FILTER }
            for (left, right) in zip(joined, joined.dropFirst()) {
                guard let graph = graphVariable(members[left]), !readInOnePass(graph), usesVariable(members[right], graph) else { continue }
                RasqalGraphPatterns.swapItems(of: sequence, left, right)
                members.swapAt(left, right)  // the block may move on past the next pattern too
                moved = true
            }
        }
        if moved { try RasqalGraphPatterns.remapVariables(of: query) }
        return moved
    }

    /// Calls `body` with every group in `pattern`'s tree.
    private static func visitGroups(_ pattern: OpaquePointer?, _ body: (OpaquePointer) -> Void) {
        guard let pattern else { return }
        if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP { body(pattern) }
        for member in RasqalGraphPatterns.members(of: pattern) { visitGroups(member, body) }
    }

    /// `?g` of a `GRAPH ?g` block.
    private static func graphVariable(_ pattern: OpaquePointer) -> UnsafeMutablePointer<rasqal_variable>? {
        guard rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH else { return nil }
        return rasqal_graph_pattern_get_origin(pattern).flatMap(rasqal_literal_as_variable)
    }

    /// Whether `pattern` is a basic pattern with a triple using `variable`.
    private static func usesVariable(_ pattern: OpaquePointer, _ variable: UnsafeMutablePointer<rasqal_variable>) -> Bool {
        rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC
            && RasqalGraphPatterns.triples(of: pattern).contains { RasqalGraphPatterns.variables(of: $0, includingGraph: true).contains(variable) }
    }
}
