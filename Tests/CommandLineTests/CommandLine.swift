import Foundation
import SharedTestPaths
import XCTest

/// Locates the package, the shared data and the built `coatt`, and runs it, for tests that drive
/// the command line the way a user does.
enum CoAttCommand {
    static let packageRoot = SharedTestPaths.packageRoot

    static var dataRoot: URL { SharedTestPaths.dataRoot }

    static var binary: String {
        (try? SharedTestPaths.coattBinary().path) ?? packageRoot.appendingPathComponent(".build/debug/coatt").path
    }

    /// Skips the calling test, saying what is missing, when the data or the binary is absent.
    static func requireDataAndBinary() throws {
        guard FileManager.default.fileExists(atPath: dataRoot.path) else {
            throw XCTSkip("benchmark data not found at \(dataRoot.path): set COATT_DATA to the shared data folder")
        }
        try requireBinary()
    }

    /// Skips the calling test, saying what to do, when the built `coatt` is absent.
    static func requireBinary() throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("coatt binary not found at \(binary): run `swift build` first (make test does)")
        }
    }

    /// Asserts that each span's scalar offsets `begin..<end` cut its `"text"` out of `text`
    /// (spans as the JSON of `ner tag` and `extract` gives them).
    static func assertOffsetsSlice(_ spans: [[String: Any]], of text: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let scalars = Array(text.unicodeScalars)
        for span in spans {
            let (begin, end) = (try XCTUnwrap(span["begin"] as? Int), try XCTUnwrap(span["end"] as? Int))
            var cut = ""
            cut.unicodeScalars.append(contentsOf: scalars[begin..<end])
            XCTAssertEqual(cut, span["text"] as? String, file: file, line: line)
        }
    }

    /// Runs coatt with `arguments` in the package folder; returns exit status, stdout and stderr.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try SharedTestPaths.runCoatt(arguments)
    }
}
