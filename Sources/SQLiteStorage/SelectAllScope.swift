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
              let inScope = RasqalGraphPatterns.inScopeVariables(of: rasqal_query_get_query_graph_pattern(query)) else { return [] }
        // A trailing VALUES's variables are in scope too.
        let trailing = RasqalGraphPatterns.variables(inSequence: rasqal_query_get_bindings_variables_sequence(query).map(UnsafeMutableRawPointer.init)) ?? []
        let names = inScope.union(trailing).compactMap { $0.pointee.name.map { String(cString: $0) } }
        return Set(columns).subtracting(names)
    }
}
