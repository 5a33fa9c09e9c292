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
}
