import Foundation
import RDFModel
@testable import SQLiteStorage
import XCTest

/// `bulkTransaction`: into an empty store the secondary indexes are built once at the end;
/// otherwise, and after any failure, the store keeps every index.
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

    private let all = ["quad_gspo", "quad_osp", "quad_pos"]

    func testAnEmptyStoreGetsItsIndexesAtTheEnd() throws {
        let database = try QuadDatabase(path: ":memory:")
        XCTAssertEqual(try indexes(database), all)
        try database.bulkTransaction {
            XCTAssertEqual(try indexes(database), [], "no index kept up to date while an empty store fills")
            for i in 0..<100 { try database.insert(quad(i)) }
        }
        XCTAssertEqual(try indexes(database), all)
        var byObject: [Quad] = []
        try database.forEach(QuadPattern(object: .literal("42"))) { byObject.append($0) }
        XCTAssertEqual(byObject, [quad(42)], "the object index answers")

        try database.bulkTransaction {
            XCTAssertEqual(try indexes(database), all, "a store with quads keeps its indexes while it is written")
            try database.insert(quad(100))
        }
    }

    func testAFailedBulkWriteLeavesTheIndexesAndNoQuad() throws {
        let database = try QuadDatabase(path: ":memory:")
        XCTAssertThrowsError(try database.bulkTransaction {
            for i in 0..<10 { try database.insert(quad(i)) }
            throw Failure()
        })
        XCTAssertEqual(try indexes(database), all)
        XCTAssertEqual(try database.count(), 0)
    }
}
