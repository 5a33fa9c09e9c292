import CRasqalOverrides
import CRedland

/// The variables `SELECT *` answers with: those in scope in the WHERE clause (SPARQL 1.1 §18.2.1).
/// rasqal 0.9.33 lists every variable the query mentions, so a variable used only in an
/// expression (`BIND(?nova AS ?z)`) or inside a sub-SELECT that does not project it came out as
/// a column of its own, always unbound.
enum SelectAllScope {
    /// The names of the columns rasqal gives a `SELECT *` that are not in scope; empty for any
    /// other query, or when a pattern's variables cannot be read (nothing is hidden then).
    static func outOfScopeNames(of query: OpaquePointer, columns: [String]) -> Set<String> {
        guard rasqal_query_get_verb(query) == RASQAL_QUERY_VERB_SELECT, rasqal_query_get_wildcard(query) != 0,
              var names = inScopeNames(of: rasqal_query_get_query_graph_pattern(query)) else { return [] }
        names.formUnion(variableNames(in: rasqal_query_get_bindings_variables_sequence(query)))  // a trailing VALUES
        return Set(columns).subtracting(names)
    }

    /// The variables in scope in `pattern`; nil when some cannot be read.
    static func inScopeNames(of pattern: OpaquePointer?) -> Set<String>? {
        guard let pattern else { return [] }
        var names: Set<String> = []
        switch rasqal_graph_pattern_get_operator(pattern) {
        case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
            for triple in RasqalGraphPatterns.triples(of: pattern) {
                names.formUnion(RasqalGraphPatterns.variables(of: triple).compactMap(name))
            }
        case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL, RASQAL_GRAPH_PATTERN_OPERATOR_UNION,
             RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
            if let graph = rasqal_graph_pattern_get_origin(pattern).flatMap(rasqal_literal_as_variable), let graphName = name(graph) {
                names.insert(graphName)
            }
            for member in RasqalGraphPatterns.members(of: pattern) {
                guard let inner = inScopeNames(of: member) else { return nil }
                names.formUnion(inner)
            }
        case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
            guard let bound = rasqal_graph_pattern_get_variable(pattern).flatMap(name) else { return nil }
            names.insert(bound)
        case RASQAL_GRAPH_PATTERN_OPERATOR_VALUES:
            guard let variables = coatt_rasqal_values_variables(UnsafeMutableRawPointer(pattern)) else { return nil }
            names = variableNames(in: OpaquePointer(variables))
        case RASQAL_GRAPH_PATTERN_OPERATOR_SELECT:
            guard coatt_rasqal_subquery_is_wildcard(UnsafeMutableRawPointer(pattern)) != 0 else {
                return RasqalGraphPatterns.projectedVariables(of: pattern).map { Set($0.compactMap(name)) }
            }
            guard let inner = inScopeNames(of: rasqal_graph_pattern_get_sub_graph_pattern(pattern, 0)) else { return nil }
            names = inner.union(variableNames(in: coatt_rasqal_values_variables(UnsafeMutableRawPointer(pattern)).map(OpaquePointer.init)))
        case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER, RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
            break  // a FILTER binds nothing; MINUS keeps only the solutions of what comes before it
        default:
            return nil
        }
        return names
    }

    private static func name(_ variable: UnsafeMutablePointer<rasqal_variable>) -> String? {
        variable.pointee.name.map { String(cString: $0) }
    }

    private static func variableNames(in sequence: OpaquePointer?) -> Set<String> {
        guard let sequence else { return [] }
        return Set((0..<raptor_sequence_size(sequence)).compactMap {
            raptor_sequence_get_at(sequence, $0).flatMap { name($0.assumingMemoryBound(to: rasqal_variable.self)) }
        })
    }
}
