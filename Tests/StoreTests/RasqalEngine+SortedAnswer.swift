import RDFModel
import SQLiteStorage
import XCTest

extension RasqalEngine {
    /// An engine over an in-memory store holding `quads`.
    static func holding(_ quads: [Quad]) throws -> RasqalEngine {
        let database = try QuadDatabase(path: ":memory:")
        for quad in quads { _ = try database.insert(quad) }
        return try RasqalEngine(database: database)
    }

    /// A SELECT's solutions as sorted lines (unbound values as "-"), the rows its triple patterns
    /// read and their lookups: for comparing two ways of running a query.
    func sortedAnswer(_ sparql: String) throws -> (rows: [String], rowsRead: Int, lookups: Int) {
        guard case .solutions(let cursor) = try query(sparql) else {
            XCTFail("no solutions: \(sparql)")
            return ([], 0, 0)
        }
        let rows = sequence(state: cursor) { $0.next() }.map { $0.map { $0.map { "\($0)" } ?? "-" }.joined(separator: " ") }
        return (rows.sorted(), rowsRead, lookups)
    }

    /// A SELECT's solutions as lines, in the order given: IRIs without `namespace`, literals by
    /// their lexical form, unbound values as "-", one space apart.
    func answerLines(_ sparql: String, shortening namespace: String) throws -> [String] {
        guard case .solutions(let cursor) = try query(sparql) else {
            XCTFail("no solutions: \(sparql)")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { row in
            row.map { term -> String in
                switch term {
                case .iri(let iri)?: return iri.hasPrefix(namespace) ? String(iri.dropFirst(namespace.count)) : iri
                case .literal(let lexical, _, _)?: return lexical
                default: return "-"
                }
            }.joined(separator: " ")
        }
    }
}
