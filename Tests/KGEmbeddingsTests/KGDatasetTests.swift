import Foundation
import XCTest
@testable import KGEmbeddings

final class KGDatasetTests: XCTestCase {
    func write(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir.path
    }

    func testInterningAndUnseenDrop() throws {
        let dir = try write(["train.txt": "a\tp\tb\nb\tq\tc\n", "valid.txt": "a\tq\tc\n", "test.txt": "c\tp\ta\nz\tp\ta\n"])
        let data = try KGDataset(folder: dir)
        XCTAssertEqual(data.entities, ["a", "b", "c"])
        XCTAssertEqual(data.relations, ["p", "q"])
        XCTAssertEqual(data.train, [Triple(0, 0, 1), Triple(1, 1, 2)])
        XCTAssertEqual(data.valid, [Triple(0, 1, 2)])
        XCTAssertEqual(data.test, [Triple(2, 0, 0)])
        XCTAssertEqual(data.droppedTest, 1)
        XCTAssertThrowsError(try KGDataset(folder: dir, unseen: .error)) { error in
            XCTAssertEqual(error as? KGDatasetError, .unseenInTraining(path: dir + "/test.txt", line: 2, name: "z"))
        }
    }

    func testBadColumnCountNamesFileAndLine() throws {
        let dir = try write(["train.txt": "a\tp\tb\na\tp\n", "valid.txt": "", "test.txt": ""])
        XCTAssertThrowsError(try KGDataset(folder: dir)) { error in
            XCTAssertEqual(error as? KGDatasetError, .badColumnCount(path: dir + "/train.txt", line: 2, columns: 2))
            XCTAssertTrue("\(error)".contains("train.txt:2"))
        }
        let dir4 = try write(["train.txt": "a\tp\tb\tx\n", "valid.txt": "", "test.txt": ""])
        XCTAssertThrowsError(try KGDataset(folder: dir4)) { error in
            XCTAssertEqual(error as? KGDatasetError, .badColumnCount(path: dir4 + "/train.txt", line: 1, columns: 4))
        }
    }
}
