import Foundation
import SharedTestPaths
import XCTest

/// The inputs these tests read in place.
enum TestFiles {
    static func shared(_ relative: String) throws -> URL { try SharedTestPaths.shared(relative) }

    /// A file of the real all-MiniLM-L6-v2 model folder; skips when absent.
    static func miniLM(_ file: String) throws -> URL {
        let url = try SharedTestPaths.miniLMFolder().appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("the MiniLM folder has no \(file)") }
        return url
    }
}

/// A fresh temporary folder, removed on deinit.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `data` to `name` inside the folder and returns its path.
    func file(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }
}

/// Asserts that `body` throws a ``SafeTensorsError`` whose description contains every fragment.
func assertThrows<T>(_ body: @autoclosure () throws -> T, containing fragments: [String],
                     file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        let text = "\(error)"
        for fragment in fragments {
            XCTAssertTrue(text.contains(fragment), "“\(text)” lacks “\(fragment)”", file: file, line: line)
        }
    }
}
