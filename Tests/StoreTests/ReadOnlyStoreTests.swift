import Foundation
import RDFModel
import SQLiteStorage
import XCTest

/// A store this process may not write (a read-only directory, as for another user's store or a
/// read-only mount) is still read; writes fail with SQLite's message and change nothing.
final class ReadOnlyStoreTests: XCTestCase {
    func testAReadOnlyDatabaseAnswersAndRefusesWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-readonly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("quads.sqlite").path
        let quad = Quad(.iri("http://example.org/a"), .iri("http://example.org/b"), .literal("c"), graph: .iri("http://example.org/g"))
        do {
            let writable = try QuadDatabase(path: path)
            _ = try writable.transaction { try writable.insert(quad) }
        }
        // The writer has closed: no shared-memory file is left, so the database is read as immutable.
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-shm"))
        let readOnly = try QuadDatabase(path: path, readOnly: true)
        XCTAssertTrue(readOnly.isReadOnly)
        XCTAssertEqual(try readOnly.graphSizes().map(\.quads), [1])
        let other = Quad(.iri("http://example.org/x"), .iri("http://example.org/b"), .literal("d"), graph: .iri("http://example.org/g"))
        XCTAssertThrowsError(try readOnly.transaction { try readOnly.insert(other) }) { error in
            XCTAssertTrue("\(error)".contains("readonly"), "\(error)")
        }
        XCTAssertEqual(try QuadDatabase(path: path).graphSizes().map(\.quads), [1])
    }
}
