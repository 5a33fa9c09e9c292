import Redland
import Store

extension Store {
    /// The syntax error `sparql` is refused with; nil when it is answered, and a note of any
    /// other error (which is then no syntax error).
    func syntaxError(_ sparql: String) -> String? {
        do {
            _ = try query(sparql)
            return nil
        } catch {
            return (error as? SPARQLSyntaxError)?.description ?? "not a syntax error: \(error)"
        }
    }
}
