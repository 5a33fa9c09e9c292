import CRasqalOverrides
import CRedland

/// Makes a triple on the right of a join or an OPTIONAL read the values its left side's triples
/// bound, instead of binding those variables again.
///
/// rasqal 0.9.33 (roqet included) scopes a group's members apart, so such a triple counts the
/// shared variables as its own, and each reset before it runs again clears them. When the left
/// side is a basic pattern, the variables of its outer triples are not set again for the next
/// rows of its inner ones: `?x :age ?a . ?y :name ?n OPTIONAL { ?x :knows ?y }` gave rows with ?x
/// unbound where the OPTIONAL did not match. A triple that does not bind a variable reads its
/// current value (`coatt_rasqal_unbind_in_triple`): the left row's, since the variable's binder is
/// a triple of a basic pattern before it (`RasqalJoinHints`, which already narrowed the lookup to
/// that value, so the rows are the same and the variable comes from the left row).
enum RasqalLeftValues {
    /// Notes each hinted variable of each hinted triple whose binder is a triple; returns how many.
    @discardableResult
    static func readLeftValues(of query: OpaquePointer, hints: [RasqalJoinHints.Triple: [RasqalJoinHints.Hint]]) -> Int {
        guard !hints.isEmpty, let sequence = rasqal_query_get_triple_sequence(query) else { return 0 }
        var noted = 0
        for column in 0..<raptor_sequence_size(sequence) {
            guard let item = raptor_sequence_get_at(sequence, column),
                  let narrowed = hints[item.assumingMemoryBound(to: rasqal_triple.self)] else { continue }
            for hint in narrowed where hint.binder != nil
                && coatt_rasqal_unbind_in_triple(UnsafeMutableRawPointer(query), UnsafeMutableRawPointer(hint.variable), column) != 0 {
                noted += 1
            }
        }
        return noted
    }
}
