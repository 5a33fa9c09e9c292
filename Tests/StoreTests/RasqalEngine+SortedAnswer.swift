import SQLiteStorage
import XCTest

extension RasqalEngine {
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
