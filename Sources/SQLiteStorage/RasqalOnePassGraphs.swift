import CRasqalOverrides
import CRedland

/// The `GRAPH ?g { … }` blocks read in one pass over all named graphs instead of once per graph.
///
/// rasqal 0.9.33 evaluates `GRAPH ?g { P }` as SPARQL defines it: P in each named graph, joined
/// with ?g bound to that graph — one run of P per graph, so with one graph per post a query pays
/// for thousands of lookups however few quads P matches (`Benchmarks/posts/`). When P's first
/// triple pattern to run binds ?g from the quad it reads, and everything after it is matched in
/// that graph, one run of P gives the same solutions (`CRasqalOverrides`' GRAPH rowsource and
/// `RasqalTriplesMatch`). That holds when:
/// - P is made of basic patterns, groups, UNION, OPTIONAL, FILTER and BIND only (no nested
///   GRAPH, subquery, VALUES or SERVICE);
/// - ?g appears in P only as the graph: a FILTER or a triple that mentions it would see the
///   graph already bound, where SPARQL evaluates P with ?g unbound and joins afterwards (W3C
///   graph-optional, graph-variable-scope);
/// - every triple pattern in P has a variable (rasqal ends the whole pattern where a triple of
///   constants is absent);
/// - every way through P starts with a binding triple pattern: a basic pattern whose first triple
///   is not a check the store answers itself (EXISTS, MINUS), a group that starts with one
///   (filters aside), or a UNION whose branches all do.
enum RasqalOnePassGraphs {
    typealias Variable = UnsafeMutablePointer<rasqal_variable>

    /// The graph variables whose every GRAPH block is read in one pass, and whether some GRAPH
    /// block with a variable is left to rasqal (which then needs the named graphs declared). With
    /// a librasqal the one-pass rowsource cannot stand in for, every block is left to rasqal.
    static func analyse(_ query: OpaquePointer, placeholders: Placeholders) -> (variables: [Variable], othersVisitGraphs: Bool) {
        let canReadInOnePass = coatt_rasqal_can_read_graphs_in_one_pass() != 0
        var eligible: [Variable: Bool] = [:]
        // The sub-SELECT (nil: the query) whose blocks each variable names. rasqal gives a query
        // and its sub-SELECTs one variable of a name: a block read in one pass in a sub-SELECT
        // joined after a block of the same ?g would read only the graph that block bound.
        var scopes: [Variable: OpaquePointer?] = [:]
        func visit(_ pattern: OpaquePointer, in subquery: OpaquePointer?) {
            if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH,
               let graph = rasqal_graph_pattern_get_origin(pattern).flatMap(rasqal_literal_as_variable) {
                let members = RasqalGraphPatterns.members(of: pattern)
                let onePass = canReadInOnePass && members.allSatisfy { isReadable($0, graph: graph) }
                    && startsWithBinding(members, placeholders)
                let oneScope = scopes[graph].map { $0 == subquery } ?? true
                scopes[graph] = subquery
                eligible[graph] = (eligible[graph] ?? true) && onePass && oneScope
            }
            let scope = rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT ? pattern : subquery
            RasqalGraphPatterns.members(of: pattern).forEach { visit($0, in: scope) }
        }
        rasqal_query_get_query_graph_pattern(query).map { visit($0, in: nil) }
        return (eligible.filter(\.value).map(\.key), eligible.values.contains(false))
    }

    /// Runs `body` (which executes the query) with rasqal reading these variables' GRAPH blocks in one pass.
    static func executing<Result>(with variables: [Variable], _ body: () throws -> Result) rethrows -> Result {
        let pointers = variables.map { UnsafeRawPointer($0) as UnsafeRawPointer? }
        return try pointers.withUnsafeBufferPointer { buffer in
            coatt_rasqal_read_graphs_in_one_pass(buffer.baseAddress, Int32(buffer.count))
            defer { coatt_rasqal_read_graphs_in_one_pass(nil, 0) }
            return try body()
        }
    }

    /// Whether `pattern` is made only of what one pass can read, without mentioning `graph`.
    private static func isReadable(_ pattern: OpaquePointer, graph: Variable) -> Bool {
        if let expression = rasqal_graph_pattern_get_filter_expression(pattern), mentions(expression, graph) { return false }
        switch rasqal_graph_pattern_get_operator(pattern) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            // rasqal takes a triple of constants that is absent for the end of the whole pattern,
            // which per graph it was; read in one pass, later graphs would go unread.
            return RasqalGraphPatterns.triples(of: pattern).allSatisfy { triple in
                let variables = RasqalGraphPatterns.variables(of: triple)
                return !variables.isEmpty && !variables.contains(graph)
            }
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, RASQAL_GRAPH_PATTERN_OPERATOR_UNION, RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL,
             RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
            return RasqalGraphPatterns.members(of: pattern).allSatisfy { isReadable($0, graph: graph) }
        case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
            return true  // a BIND's expression, checked above, reads the values the block bound
        default:
            return false
        }
    }

    /// Whether the members of a group, joined in order, start with a pattern that binds the graph.
    private static func startsWithBinding(_ members: [OpaquePointer], _ placeholders: Placeholders) -> Bool {
        guard let first = members.first(where: { rasqal_graph_pattern_get_operator($0) != RASQAL_GRAPH_PATTERN_OPERATOR_FILTER }) else {
            return false
        }
        switch rasqal_graph_pattern_get_operator(first) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            guard let triple = RasqalGraphPatterns.triples(of: first).first else { return false }
            return placeholders.check(at: triple.pointee.subject) == nil
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
            return startsWithBinding(RasqalGraphPatterns.members(of: first), placeholders)
        case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
            let branches = RasqalGraphPatterns.members(of: first)
            return !branches.isEmpty && branches.allSatisfy { startsWithBinding([$0], placeholders) }
        default:
            return false
        }
    }

    /// Whether `variable` occurs anywhere in `expression`.
    private static func mentions(_ expression: UnsafeMutablePointer<rasqal_expression>, _ variable: Variable) -> Bool {
        var target = variable
        return withUnsafeMutablePointer(to: &target) { context in
            rasqal_expression_visit(expression, { context, node in
                guard let node, node.pointee.op == RASQAL_EXPR_LITERAL, let literal = node.pointee.literal,
                      let found = rasqal_literal_as_variable(literal) else { return 0 }
                return found == context!.load(as: Variable.self) ? 1 : 0
            }, context) != 0
        }
    }
}
