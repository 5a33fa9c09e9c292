import CRasqalOverrides
import CRedland

/// Makes a triple pattern after a `GRAPH ?g` block that rasqal runs itself (not read in one pass,
/// `RasqalOnePassGraphs`: it holds VALUES, a subquery or a nested GRAPH) read ?g instead of
/// binding it.
///
/// rasqal 0.9.33 (roqet included) counts a GRAPH block's variable as bound by no pattern, so the
/// first triple pattern after the block that names ?g (in its group, or in an OPTIONAL there)
/// binds it afresh: `GRAPH ?post
/// { { SELECT ?m ?e { ?m :refersTo ?e } } } ?post :publishedBy ?a` gave 300 rows for 36 mentions,
/// with values of ?post that are no graph. The block sets ?g for each row it hands to the join,
/// and a triple that does not bind ?g reads that value (`coatt_rasqal_unbind_in_triple`), so the
/// pattern is looked up with it, as a pattern written before the block would be joined on it.
enum RasqalGraphVariableJoin {
    /// Notes, for the prepared `query`, each triple after such a block in its group (in a basic
    /// pattern, or inside an OPTIONAL, UNION or group there) that names the block's variable.
    /// Returns how many were noted.
    /// - Parameter readInOnePass: whether the block of this graph variable is read in one pass.
    @discardableResult
    static func unbindGraphVariables(of query: OpaquePointer, readInOnePass: (UnsafeMutablePointer<rasqal_variable>) -> Bool) -> Int {
        guard let sequence = rasqal_query_get_triple_sequence(query) else { return 0 }
        var columns: [UnsafeMutableRawPointer: Int32] = [:]
        var noted = 0
        func unbind(_ graphs: [UnsafeMutablePointer<rasqal_variable>], within member: OpaquePointer) {
            switch rasqal_graph_pattern_get_operator(member) {
            case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
                if columns.isEmpty {
                    for column in 0..<raptor_sequence_size(sequence) {
                        if let triple = raptor_sequence_get_at(sequence, column) { columns[triple] = column }
                    }
                }
                for triple in RasqalGraphPatterns.triples(of: member) {
                    guard let column = columns[UnsafeMutableRawPointer(triple)] else { continue }
                    for graph in graphs where RasqalGraphPatterns.variables(of: triple).contains(graph)
                        && coatt_rasqal_unbind_in_triple(UnsafeMutableRawPointer(query), UnsafeMutableRawPointer(graph), column) != 0 {
                        noted += 1
                    }
                }
            case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL, RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
                for inner in RasqalGraphPatterns.members(of: member) { unbind(graphs, within: inner) }
            default:
                break  // a GRAPH block binds its own variable, a sub-SELECT has its own scope
            }
        }
        RasqalGraphPatterns.visit(RASQAL_GRAPH_PATTERN_OPERATOR_GROUP, everywhereIn: rasqal_query_get_query_graph_pattern(query)) { group in
            var blocks: [UnsafeMutablePointer<rasqal_variable>] = []
            for member in RasqalGraphPatterns.members(of: group) {
                if let graph = RasqalGraphPatterns.graphVariable(of: member), !readInOnePass(graph) {
                    blocks.append(graph)
                } else if !blocks.isEmpty {
                    unbind(blocks, within: member)
                }
            }
        }
        return noted
    }
}
