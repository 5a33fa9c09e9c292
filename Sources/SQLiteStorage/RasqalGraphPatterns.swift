import CRasqalOverrides
import CRedland
import Redland

/// Reading a prepared rasqal query's graph patterns.
enum RasqalGraphPatterns {
    /// The sub-patterns of a graph pattern, in order.
    static func members(of pattern: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        while let inner = rasqal_graph_pattern_get_sub_graph_pattern(pattern, Int32(result.count)) { result.append(inner) }
        return result
    }

    /// `?g` of a `GRAPH ?g` block; nil for any other pattern.
    static func graphVariable(of pattern: OpaquePointer) -> UnsafeMutablePointer<rasqal_variable>? {
        guard rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH else { return nil }
        return rasqal_graph_pattern_get_origin(pattern).flatMap(rasqal_literal_as_variable)
    }

    /// The triples of a basic graph pattern, in order.
    static func triples(of basic: OpaquePointer) -> [UnsafeMutablePointer<rasqal_triple>] {
        var result: [UnsafeMutablePointer<rasqal_triple>] = []
        while let triple = rasqal_graph_pattern_get_triple(basic, Int32(result.count)) { result.append(triple) }
        return result
    }

    /// The variables of a triple's subject, predicate and object, and with `includingGraph` of
    /// its graph (`GRAPH ?g`).
    static func variables(of triple: UnsafeMutablePointer<rasqal_triple>, includingGraph: Bool = false) -> [UnsafeMutablePointer<rasqal_variable>] {
        let t = triple.pointee
        return [t.subject, t.predicate, t.object, includingGraph ? t.origin : nil].compactMap { $0.flatMap(rasqal_literal_as_variable) }
    }

    /// The variables in scope in `pattern` (SPARQL 1.1 §18.2.1), those its solutions may bind:
    /// its triples' and GRAPH blocks', a BIND's, a VALUES block's and a sub-SELECT's projected
    /// ones (all those in scope in a `SELECT *`), in all its tree; none of a FILTER's or a
    /// MINUS's. Nil when some cannot be read.
    static func inScopeVariables(of pattern: OpaquePointer?) -> Set<UnsafeMutablePointer<rasqal_variable>>? {
        guard let pattern else { return [] }
        switch rasqal_graph_pattern_get_operator(pattern) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            return Set(triples(of: pattern).flatMap { variables(of: $0) })
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL, RASQAL_GRAPH_PATTERN_OPERATOR_UNION,
             RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
            var result = Set([rasqal_graph_pattern_get_origin(pattern).flatMap(rasqal_literal_as_variable)].compactMap { $0 })
            for member in members(of: pattern) {
                guard let inner = inScopeVariables(of: member) else { return nil }
                result.formUnion(inner)
            }
            return result
        case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
            return rasqal_graph_pattern_get_variable(pattern).map { [$0] }
        case RASQAL_GRAPH_PATTERN_OPERATOR_VALUES:
            return variables(inSequence: coatt_rasqal_values_variables(UnsafeMutableRawPointer(pattern))).map(Set.init)
        case RASQAL_GRAPH_PATTERN_OPERATOR_SELECT:
            guard coatt_rasqal_subquery_is_wildcard(UnsafeMutableRawPointer(pattern)) != 0 else {
                return projectedVariables(of: pattern).map(Set.init)
            }
            guard let inner = inScopeVariables(of: rasqal_graph_pattern_get_sub_graph_pattern(pattern, 0)) else { return nil }
            return inner.union(variables(inSequence: coatt_rasqal_values_variables(UnsafeMutableRawPointer(pattern))) ?? [])
        case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER, RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
            return []  // a FILTER binds nothing; MINUS keeps only the solutions of what comes before it
        default:
            return nil
        }
    }

    /// Calls `body` with every pattern of operator `kind` in `pattern`'s tree, outside OPTIONALs.
    static func visit(_ kind: rasqal_graph_pattern_operator, outsideOptionalsOf pattern: OpaquePointer?,
                      _ body: (OpaquePointer) throws -> Void) rethrows {
        try visit(kind, in: pattern, enteringOptionals: false, body)
    }

    /// Calls `body` with every pattern of operator `kind` in `pattern`'s tree, OPTIONALs included.
    static func visit(_ kind: rasqal_graph_pattern_operator, everywhereIn pattern: OpaquePointer?,
                      _ body: (OpaquePointer) throws -> Void) rethrows {
        try visit(kind, in: pattern, enteringOptionals: true, body)
    }

    private static func visit(_ kind: rasqal_graph_pattern_operator, in pattern: OpaquePointer?, enteringOptionals: Bool,
                              _ body: (OpaquePointer) throws -> Void) rethrows {
        guard let pattern else { return }
        let op = rasqal_graph_pattern_get_operator(pattern)
        if op == RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL && !enteringOptionals { return }
        if op == kind { try body(pattern) }
        for member in members(of: pattern) { try visit(kind, in: member, enteringOptionals: enteringOptionals, body) }
    }

    /// Swaps two items of a raptor sequence. `raptor_sequence_swap` (raptor 2.0.15) forgets the
    /// sequence's start offset, so once anything was shifted off its front it swaps other items.
    static func swapItems(of sequence: OpaquePointer, _ i: Int, _ j: Int) {
        let size = Int(raptor_sequence_size(sequence))
        guard i != j, (0..<size).contains(i), (0..<size).contains(j),
              let first = raptor_sequence_delete_at(sequence, Int32(i)) else { return }
        guard let second = raptor_sequence_delete_at(sequence, Int32(j)) else {
            raptor_sequence_set_at(sequence, Int32(i), first)
            return
        }
        // The slots are empty now, so setting them frees nothing.
        raptor_sequence_set_at(sequence, Int32(i), second)
        raptor_sequence_set_at(sequence, Int32(j), first)
    }

    /// Swaps the first two members (filters aside) of the query's groups outside OPTIONALs where
    /// `swaps` says so, then rebuilds rasqal's map of where each variable is bound. `swaps` is
    /// given the two members and the triples a join narrows from outside (`RasqalJoinHints`;
    /// worked out once, when first asked). Returns whether anything moved.
    static func swapLeadingMembers(of query: OpaquePointer,
                                   where swaps: (OpaquePointer, OpaquePointer, () -> Set<UnsafeMutablePointer<rasqal_triple>>) throws -> Bool)
        throws -> Bool {
        var hinted: Set<UnsafeMutablePointer<rasqal_triple>>?
        let narrowed = {
            if hinted == nil { hinted = Set(RasqalJoinHints.analyse(query).keys) }
            return hinted!
        }
        var moved = false
        try visit(RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, outsideOptionalsOf: rasqal_query_get_query_graph_pattern(query)) { group in
            let members = members(of: group)
            let joined = members.indices.filter { rasqal_graph_pattern_get_operator(members[$0]) != RASQAL_GRAPH_PATTERN_OPERATOR_FILTER }
            guard joined.count >= 2, try swaps(members[joined[0]], members[joined[1]], narrowed),
                  let sequence = rasqal_graph_pattern_get_sub_graph_pattern_sequence(group) else { return }
            swapItems(of: sequence, joined[0], joined[1])
            moved = true
        }
        if moved { try remapVariables(of: query) }
        return moved
    }

    /// The sub-SELECT a group member is, or holds alone in a group (not in an OPTIONAL, GRAPH or
    /// UNION, whose rows join otherwise).
    static func subquery(_ member: OpaquePointer) -> OpaquePointer? {
        let op = rasqal_graph_pattern_get_operator(member)
        if op == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT { return member }
        guard op == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP else { return nil }
        let inner = members(of: member)
        guard inner.count == 1, rasqal_graph_pattern_get_operator(inner[0]) == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT else { return nil }
        return inner[0]
    }

    /// The variables a sub-SELECT projects; nil when rasqal's projection cannot be read.
    static func projectedVariables(of subquery: OpaquePointer) -> [UnsafeMutablePointer<rasqal_variable>]? {
        variables(inSequence: coatt_rasqal_subquery_variables(UnsafeMutableRawPointer(subquery)))
    }

    /// The variables of rasqal's `raptor_sequence *` of `rasqal_variable *`; nil for no sequence.
    static func variables(inSequence sequence: UnsafeMutableRawPointer?) -> [UnsafeMutablePointer<rasqal_variable>]? {
        guard let sequence = sequence.map(OpaquePointer.init) else { return nil }
        return (0..<raptor_sequence_size(sequence)).compactMap {
            raptor_sequence_get_at(sequence, $0)?.assumingMemoryBound(to: rasqal_variable.self)
        }
    }

    /// Rebuilds rasqal's map of which triple and pattern binds each variable, after patterns of a
    /// prepared query were reordered, as `rasqal_query_prepare` built it for the order written.
    static func remapVariables(of query: OpaquePointer) throws {
        guard rasqal_query_build_variables_use(query, rasqal_query_get_projection(query)) == 0 else {
            throw RedlandError("rasqal could not map the variables of the reordered query")
        }
    }

    /// The basic pattern a group member joins with: itself, or the one of a group or GRAPH block
    /// holding only it and filters.
    static func joinedBasic(_ member: OpaquePointer) -> OpaquePointer? {
        guard rasqal_graph_pattern_get_operator(member) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH else { return soleBasic(member) }
        let inner = RasqalGraphPatterns.members(of: member)
        return inner.count == 1 ? soleBasic(inner[0]) : nil
    }

    /// `pattern` if it is a basic pattern, or the one basic pattern of a group of it and filters.
    static func soleBasic(_ pattern: OpaquePointer) -> OpaquePointer? {
        switch rasqal_graph_pattern_get_operator(pattern) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            return pattern
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
            var basic: OpaquePointer?
            for member in RasqalGraphPatterns.members(of: pattern) {
                switch rasqal_graph_pattern_get_operator(member) {
                case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER: continue
                case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC where basic == nil: basic = member
                default: return nil
                }
            }
            return basic
        default:
            return nil
        }
    }

    /// The one triple pattern of a WHERE made of nested groups, at most one GRAPH and one basic
    /// pattern, with no filter anywhere; and the GRAPH's IRI or variable.
    static func soleTriple(in pattern: OpaquePointer?, graph: UnsafeMutablePointer<rasqal_literal>? = nil)
        -> (UnsafeMutablePointer<rasqal_triple>, UnsafeMutablePointer<rasqal_literal>?)? {
        guard let pattern, rasqal_graph_pattern_get_filter_expression(pattern) == nil else { return nil }
        let inner = rasqal_graph_pattern_get_sub_graph_pattern(pattern, 0)
        let single = inner != nil && rasqal_graph_pattern_get_sub_graph_pattern(pattern, 1) == nil
        switch rasqal_graph_pattern_get_operator(pattern) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
            guard single, rasqal_graph_pattern_get_triple(pattern, 0) == nil else { return nil }
            return soleTriple(in: inner, graph: graph)
        case RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
            guard single, graph == nil, let origin = rasqal_graph_pattern_get_origin(pattern),
                  origin.pointee.type == RASQAL_LITERAL_URI || origin.pointee.type == RASQAL_LITERAL_VARIABLE else { return nil }
            return soleTriple(in: inner, graph: origin)
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            guard inner == nil, let triple = rasqal_graph_pattern_get_triple(pattern, 0),
                  rasqal_graph_pattern_get_triple(pattern, 1) == nil else { return nil }
            return (triple, graph)
        default:
            return nil
        }
    }
}
