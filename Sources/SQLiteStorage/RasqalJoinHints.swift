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
/// The left row's value is the one A's binding triple last bound: rasqal's join and left join
/// stream their left side, reading one left row and then running the right side again (triples,
/// filter and graph rowsources reset by re-running, not by replaying saved rows). That holds when
/// the members before B are basic patterns, filters, BINDs, OPTIONALs, and groups or GRAPH blocks of
/// one basic pattern and filters, and when B is such a basic pattern (a BIND is joined as one more
/// right side, run for each left row: `?p a :Person BIND(STR(?p) AS ?n) ?p rdfs:label ?l` read
/// every label for each person). For a sub-SELECT among the
/// members before B, the left row's values are those its last row projected, which
/// `CRasqalOverrides` keeps (`coatt_rasqal_projected_value`): `{ SELECT ?e (COUNT(*) AS ?n) …
/// GROUP BY ?e } ?e rdfs:label ?l` looks up each group's labels, where the labels of every entity
/// were read for each group. The same holds for a VALUES block's rows (UNDEF narrows nothing):
/// `VALUES ?e { … 500 IRIs } ?e rdfs:label ?l`, a SERVICE request's usual form, read every label
/// for each row. A UNION's branches of such a basic pattern are narrowed too (its rowsource
/// resets both for each left row): `?p wdt:P106 wd:Q82955 . { ?p wdt:P19 ?place } UNION { ?p
/// wdt:P20 ?place }` read every birth and death place for each politician. The triples of an
/// OPTIONAL never bind for later members: where it
/// did not match, their last values belong to another row. Anything else, nested OPTIONALs inside
/// B included, gets no hint: substituting outer values there changes the answer (W3C
/// algebra/nested-opt-1).
enum RasqalJoinHints {
    typealias Triple = UnsafeMutablePointer<rasqal_triple>
    typealias Variable = UnsafeMutablePointer<rasqal_variable>

    /// In a triple on the right of a join, `variable` is bound on the left by `binder`, or, when
    /// that is nil, by a sub-SELECT, whose rows' values are kept for it.
    struct Hint {
        let variable: Variable
        let binder: Triple?
    }

    /// A variable as bound by one triple pattern.
    struct Binding: Hashable {
        let variable: Variable
        let triple: Triple
    }

    /// The hints of a prepared query, by the triple on the right of a join they apply to.
    static func analyse(_ query: OpaquePointer) -> [Triple: [Hint]] {
        var hints: [Triple: [Hint]] = [:]
        visit(rasqal_query_get_query_graph_pattern(query), &hints)
        return hints
    }

    private static func visit(_ pattern: OpaquePointer?, _ hints: inout [Triple: [Hint]]) {
        guard let pattern else { return }
        if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP {
            analyseGroup(pattern, &hints)
        }
        for inner in RasqalGraphPatterns.members(of: pattern) { visit(inner, &hints) }
    }

    private static func analyseGroup(_ group: OpaquePointer, _ hints: inout [Triple: [Hint]]) {
        var binders: [Variable: Triple?] = [:]
        for member in RasqalGraphPatterns.members(of: group) {
            if let subquery = RasqalGraphPatterns.subquery(member) {
                guard let projected = RasqalGraphPatterns.projectedVariables(of: subquery) else { return }
                for variable in projected where binders[variable] == nil { binders[variable] = .some(nil) }
                continue
            }
            switch rasqal_graph_pattern_get_operator(member) {
            case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER, RASQAL_GRAPH_PATTERN_OPERATOR_LET:
                continue  // a BIND's value has no triple to read it from; the binders before it still hold
            case RASQAL_GRAPH_PATTERN_OPERATOR_VALUES:
                guard let variables = coatt_rasqal_values_variables(UnsafeMutableRawPointer(member)) else { return }
                let sequence = OpaquePointer(variables)
                for index in 0..<raptor_sequence_size(sequence) {
                    guard let variable = raptor_sequence_get_at(sequence, index)?.assumingMemoryBound(to: rasqal_variable.self) else { continue }
                    if binders[variable] == nil { binders[variable] = .some(nil) }
                }
            case RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL:
                for optional in RasqalGraphPatterns.members(of: member) {
                    if let basic = RasqalGraphPatterns.soleBasic(optional) { hint(basic, from: binders, &hints) }
                }
            case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC, RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
                guard let basic = RasqalGraphPatterns.joinedBasic(member) else { return }
                hint(basic, from: binders, &hints)
                for triple in RasqalGraphPatterns.triples(of: basic) {
                    for variable in RasqalGraphPatterns.variables(of: triple) where binders[variable] == nil { binders[variable] = triple }
                }
            case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
                for branch in RasqalGraphPatterns.members(of: member) {
                    if let basic = RasqalGraphPatterns.joinedBasic(branch) { hint(basic, from: binders, &hints) }
                }
                return  // its rows' values come from either branch: no hints after it
            default:
                return  // anything else: no hints after it
            }
        }
    }

    /// Hints the triples of `basic` with the variables `binders` bind before it.
    private static func hint(_ basic: OpaquePointer, from binders: [Variable: Triple?], _ hints: inout [Triple: [Hint]]) {
        guard !binders.isEmpty else { return }
        for triple in RasqalGraphPatterns.triples(of: basic) {
            for variable in RasqalGraphPatterns.variables(of: triple) {
                if let binder = binders[variable] { hints[triple, default: []].append(Hint(variable: variable, binder: binder)) }
            }
        }
    }
}
