import CRasqalOverrides
import CRedland

/// Lets the right side of a join or an OPTIONAL look up only the rows that can join the current
/// left row.
///
/// rasqal 0.9.33 evaluates a group's members left to right, `{ A OPTIONAL { B } }` as
/// LeftJoin(A, B) and `{ A B }` (B a nested group or a GRAPH block, or a basic pattern after one)
/// as Join(A, B), by re-running B for every row of A, and scopes group members independently: B
/// "binds" the variables it shares with A, so the reset before each run clears them and B scans
/// everything it could match (the benchmark's q5: 2,325 left rows × 11,995 `?person wdt:P102
/// ?party` triples; `GRAPH ?post { ?m itsrdf:taIdentRef ?e } ?e rdfs:label ?l` over 300 post
/// graphs: 303 mentions × 136,495 labels). The join then keeps the right rows that agree with the
/// left row. Restricting B's scan to the left row's values returns exactly those rows, so the
/// answer does not change.
///
/// The left row is the join's own: while a join runs its right side, `CRasqalOverrides` gives
/// the values of its current left row (`coatt_rasqal_join_left_value`), whatever the members
/// before B are — triple patterns, OPTIONALs (a variable they did not bind narrows nothing),
/// UNIONs, BINDs, VALUES, sub-SELECTs, GRAPH blocks. Until 2026-11-28's third session the values
/// were read where each kind of member left them (the triple that last bound them, a SELECT's or
/// VALUES block's last row), which after a UNION or a GRAPH block of more than one basic pattern
/// belonged to another row, so nothing after one was narrowed (`{ ?p wdt:P19 ?place } UNION { ?p
/// wdt:P20 ?place } ?place wdt:P17 ?country` read every country for each birth or death place),
/// and only a right side of one basic pattern was.
///
/// B is a basic pattern, or the leading basic pattern of a group, GRAPH block, OPTIONAL or UNION
/// branch (`?p a :Politician OPTIONAL { ?p :spouse ?s OPTIONAL { ?s :citizenOf ?c } }` looks the
/// spouses up by politician): every solution of the right side extends a row of it, so a row of
/// it the left row rules out only gives solutions the join drops. A pattern inside a nested
/// OPTIONAL gets no hint from outside: where it does not match, the solution stays without it,
/// and substituting outer values there changes the answer (W3C algebra/nested-opt-1). Only
/// variables the members before B mention are hinted: a group's first member (filters aside) is
/// no join's right side, since rasqal drops the empty pattern a group's joins start from.
enum RasqalJoinHints {
    typealias Triple = UnsafeMutablePointer<rasqal_triple>
    typealias Variable = UnsafeMutablePointer<rasqal_variable>

    /// For each triple on the right of a join, the variables the join's left row may give it.
    typealias Hints = [Triple: Set<Variable>]

    /// The hints of a prepared query.
    static func analyse(_ query: OpaquePointer) -> Hints {
        var hints: Hints = [:]
        visit(rasqal_query_get_query_graph_pattern(query), &hints)
        return hints
    }

    /// The value the running join's left row gives `variable`, as a new `rasqal_literal`
    /// reference for the caller to free; nil when the row leaves it unbound.
    static func leftRowValue(of variable: Variable) -> UnsafeMutablePointer<rasqal_literal>? {
        coatt_rasqal_join_left_value(UnsafeRawPointer(variable))?.assumingMemoryBound(to: rasqal_literal.self)
    }

    private static func visit(_ pattern: OpaquePointer?, _ hints: inout Hints) {
        guard let pattern else { return }
        if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP {
            analyseGroup(pattern, &hints)
        }
        for inner in RasqalGraphPatterns.members(of: pattern) { visit(inner, &hints) }
    }

    private static func analyseGroup(_ group: OpaquePointer, _ hints: inout Hints) {
        var mentioned: Set<Variable> = []
        for member in RasqalGraphPatterns.members(of: group) {
            if rasqal_graph_pattern_get_operator(member) == RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL {
                for optional in RasqalGraphPatterns.members(of: member) { hint(leadingBasics(of: optional), from: mentioned, &hints) }
            } else {
                hint(leadingBasics(of: member), from: mentioned, &hints)
            }
            mentioned.formUnion(RasqalGraphPatterns.inScopeVariables(of: member) ?? [])
        }
    }

    /// The basic patterns whose rows every solution of `pattern` extends, so that its solutions
    /// keep their values: `pattern` itself if basic; of a group, its first member's (filters
    /// aside) unless that is an OPTIONAL; of a GRAPH block, its pattern's; of a UNION, each
    /// branch's. Nothing inside an OPTIONAL: a row it did not extend stays (W3C nested-opt-1).
    private static func leadingBasics(of pattern: OpaquePointer) -> [OpaquePointer] {
        switch rasqal_graph_pattern_get_operator(pattern) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            return [pattern]
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
            let first = RasqalGraphPatterns.members(of: pattern).first {
                rasqal_graph_pattern_get_operator($0) != RASQAL_GRAPH_PATTERN_OPERATOR_FILTER
            }
            return first.map(leadingBasics) ?? []
        case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
            return RasqalGraphPatterns.members(of: pattern).flatMap(leadingBasics)
        default:
            return []
        }
    }

    /// Hints the triples of `basics` with the variables the members before them mention.
    private static func hint(_ basics: [OpaquePointer], from mentioned: Set<Variable>, _ hints: inout Hints) {
        guard !mentioned.isEmpty else { return }
        for triple in basics.flatMap(RasqalGraphPatterns.triples) {
            let shared = mentioned.intersection(RasqalGraphPatterns.variables(of: triple))
            if !shared.isEmpty { hints[triple, default: []].formUnion(shared) }
        }
    }
}
