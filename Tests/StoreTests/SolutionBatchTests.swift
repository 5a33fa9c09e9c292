import RDFModel
@testable import SQLiteStorage
import XCTest

/// `RasqalSolutionCursor` reads solutions some at a time, each batch in a read transaction of its
/// own (SQLite takes its file locks once per batch, not once per statement).
final class SolutionBatchTests: XCTestCase {
    /// A long answer comes out whole, and no transaction stays open between two solutions, where
    /// the caller may write.
    func testALongAnswerIsReadWholeInBatches() throws {
        let database = try QuadDatabase(path: ":memory:")
        let count = RasqalSolutionCursor.solutionsPerRead * 3 + 5
        _ = try database.insertAll { add in
            for i in 0..<count { try add(Quad(.iri("http://e/s\(i)"), .iri("http://e/p"), .literal("\(i)"))) }
        }
        let engine = try RasqalEngine(database: database)
        guard case .solutions(let cursor) = try engine.query("SELECT ?o { ?s <http://e/p> ?o }") else { return XCTFail("no solutions") }
        var seen = Set<String>()
        while let row = cursor.next() {
            if seen.isEmpty {
                XCTAssertFalse(database.connection.inTransaction, "no read transaction held between two solutions")
            }
            seen.insert("\(row[0]!)")
        }
        XCTAssertEqual(seen.count, count)
    }
}
