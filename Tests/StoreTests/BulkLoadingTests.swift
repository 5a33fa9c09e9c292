import Foundation
import RDFModel
@testable import SQLiteStorage
import XCTest

/// `insertAll`: quads inserted in key order, a batch at a time; into an empty store, indexes
/// built once at the end, otherwise every index kept; after any failure, the store as it was.
final class BulkLoadingTests: XCTestCase {
    private struct Failure: Error {}

    private func quad(_ i: Int) -> Quad {
        Quad(.iri("http://e/s\(i % 7)"), .iri("http://e/p\(i % 3)"), .literal("\(i)"), graph: .iri("http://e/g"))
    }

    private func indexes(_ database: QuadDatabase) throws -> [String] {
        let names = try database.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quad' AND sql IS NOT NULL ORDER BY name")
        defer { names.reset() }
        var found: [String] = []
        while try names.step() { found.append(names.text(0)) }
        return found
    }

    private let all = ["quad_gpos", "quad_osp", "quad_pos"]

    func testAnEmptyStoreGetsItsIndexesAtTheEndAndCountsEveryNewQuadOnce() throws {
        let database = try QuadDatabase(path: ":memory:")
        XCTAssertEqual(try indexes(database), all)
        // Batches of 16 out of 100 quads, each given twice (once within a batch, once across batches).
        let added = try database.insertAll(sortedBatch: 16) { add in
            XCTAssertEqual(try indexes(database), [], "no index kept up to date while an empty store fills")
            for i in (0..<100).reversed() { try add(quad(i)); try add(quad(i)) }
            for i in 0..<100 { try add(quad(i)) }
        }
        XCTAssertEqual(added, 100)
        XCTAssertEqual(try database.count(), 100)
        XCTAssertEqual(try indexes(database), all)
        var byObject: [Quad] = []
        try database.forEach(QuadPattern(object: .literal("42"))) { byObject.append($0) }
        XCTAssertEqual(byObject, [quad(42)], "the object index answers")

        let more = try database.insertAll { add in
            XCTAssertEqual(try indexes(database), all, "a store with quads keeps its indexes while it is written")
            try add(quad(100))
            try add(quad(1))
        }
        XCTAssertEqual(more, 1)
    }

    /// Into a store that holds quads, in batches too: each new quad counted once, the indexes
    /// answering, and a failure leaving the quads that were there and no other.
    func testAStoreWithQuadsIsWrittenInBatchesWithItsIndexes() throws {
        let database = try QuadDatabase(path: ":memory:")
        XCTAssertEqual(try database.insertAll { add in for i in 0..<50 { try add(quad(i)) } }, 50)
        let added = try database.insertAll(sortedBatch: 16) { add in
            for i in (25..<120).reversed() { try add(quad(i)); try add(quad(i)) }
        }
        XCTAssertEqual(added, 70)
        XCTAssertEqual(try database.count(), 120)
        XCTAssertEqual(try indexes(database), all)
        var byObject: [Quad] = []
        try database.forEach(QuadPattern(object: .literal("110"))) { byObject.append($0) }
        XCTAssertEqual(byObject, [quad(110)], "the object index answers")

        XCTAssertThrowsError(try database.insertAll(sortedBatch: 4) { add in
            for i in 120..<130 { try add(quad(i)) }
            throw Failure()
        })
        XCTAssertEqual(try database.count(), 120)
    }

    func testAFailedWriteLeavesTheIndexesAndNoQuad() throws {
        let database = try QuadDatabase(path: ":memory:")
        XCTAssertThrowsError(try database.insertAll(sortedBatch: 4) { add in
            for i in 0..<10 { try add(quad(i)) }
            throw Failure()
        })
        XCTAssertEqual(try indexes(database), all)
        XCTAssertEqual(try database.count(), 0)
    }
}
