import CRasqalOverrides
import CRedland

/// Runs a sub-SELECT or a VALUES block before the basic pattern written before it.
///
/// rasqal 0.9.33 joins a group's members left to right, running the right one again for every
/// row of the left (`RasqalJoinHints`): a sub-SELECT after a basic pattern was evaluated again —
/// grouped, sorted — for each of the pattern's rows (`?x a dbo:Band . { SELECT ?x (COUNT(?g) AS
/// ?n) { ?x dbo:genre ?g } GROUP BY ?x }` ran the grouping for each of 1,322 bands). Join(A, S)
/// and Join(S, A) have the same solutions, and a sub-SELECT is evaluated on its own either way:
/// run first, it is evaluated once, and each of its rows looks A up with the values it projects.
/// A VALUES block after A likewise (`?p wdt:P27 ?c VALUES ?p { …500 IRIs }`: every citizenship
/// read and compared, where the block run first looks up 500).
///
/// Only the first two members of a group (filters aside) swap: a basic pattern A whose first
/// triple matches more than two quads (a pattern of one or two rows costs less run first) and a
/// sub-SELECT projecting a variable of A, or a VALUES block of one. A group whose members are
/// narrowed from outside (on the right of a join or inside an OPTIONAL) is left as written.
enum RasqalSubqueryOrder {
    /// Swaps such members in the groups of a prepared query. Returns whether anything moved.
    /// - Parameter rows: the quads a triple matches alone; nil when that cannot be told.
    @discardableResult
    static func reorder(_ query: OpaquePointer, rows: (UnsafeMutablePointer<rasqal_triple>) throws -> Int?) throws -> Bool {
        try RasqalGraphPatterns.swapLeadingMembers(of: query) { left, right, hinted in
            guard rasqal_graph_pattern_get_operator(left) == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC,
                  let projected = variablesOfRunFirst(right) else { return false }
            let triples = RasqalGraphPatterns.triples(of: left)
            guard let first = triples.first, triples.contains(where: { !Set(RasqalGraphPatterns.variables(of: $0)).isDisjoint(with: projected) }),
                  hinted().isDisjoint(with: triples), let size = try rows(first) else { return false }
            return size > 2
        }
    }

    /// The variables a sub-SELECT projects, or a VALUES block's; nil for any other member.
    private static func variablesOfRunFirst(_ member: OpaquePointer) -> [UnsafeMutablePointer<rasqal_variable>]? {
        if let subquery = RasqalGraphPatterns.subquery(member) { return RasqalGraphPatterns.projectedVariables(of: subquery) }
        guard rasqal_graph_pattern_get_operator(member) == RASQAL_GRAPH_PATTERN_OPERATOR_VALUES else { return nil }
        return RasqalGraphPatterns.variables(inSequence: coatt_rasqal_values_variables(UnsafeMutableRawPointer(member)))
    }
}
