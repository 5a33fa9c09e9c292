import Foundation
import Tensors
import XCTest

/// BertModel and AlbertModel outputs from transformers (`../shared/fixtures`), every hidden
/// state and the pooler within 1e-4 max-abs.
final class ParityTests: XCTestCase {
    private struct Fixture {
        let config: TextEncoder.Configuration
        let weights: NamedTensors
        let io: NamedTensors
        let batch: TokenBatch

        /// A fixture folder holding its model, or (`model`) the io of one and the model of another.
        init(_ name: String, model: URL? = nil) throws {
            let directory = try Fixtures.directory(name)
            let modelDirectory = model ?? directory
            config = try TextEncoder.Configuration(contentsOf: modelDirectory.appendingPathComponent("config.json"))
            weights = try Fixtures.tensors(modelDirectory.appendingPathComponent("model.safetensors"))
            let io = try Fixtures.tensors(directory.appendingPathComponent("io.safetensors"))
            self.io = io
            let ids = try io.tensor("input_ids")
            func integers(_ name: String) throws -> [Int] { try io.tensor(name).values.map { Int($0) } }
            batch = TokenBatch(size: ids.shape[0], length: ids.shape[1], inputIds: try integers("input_ids"),
                               attentionMask: try integers("attention_mask"), tokenTypeIds: try integers("token_type_ids"))
        }

        /// Max-abs difference per reference tensor, asserting each is within `tolerance`.
        func compare(_ output: TextEncoder.Output, _ names: [(String, Tensor)], tolerance: Float = 1e-4,
                     file: StaticString = #filePath, line: UInt = #line) throws -> [String: Float] {
            var differences: [String: Float] = [:]
            for (name, got) in names {
                let want = try io.tensor(name)
                XCTAssertEqual(got.shape, want.shape, name, file: file, line: line)
                guard got.shape == want.shape else { continue }
                let difference = got.maxAbsoluteDifference(want)
                differences[name] = difference
                XCTAssertLessThanOrEqual(difference, tolerance, "\(name) max-abs \(difference)", file: file, line: line)
            }
            return differences
        }
    }

    private func outputs(_ output: TextEncoder.Output) -> [(String, Tensor)] {
        output.hiddenStates.enumerated().map { ("hidden_states.\($0.offset)", $0.element) }
            + [("last_hidden_state", output.lastHiddenState), ("pooler_output", output.pooled)]
    }

    func testBertTinyMatchesTransformers() throws {
        let fixture = try Fixture("bert-tiny")
        XCTAssertEqual(fixture.config.activation, .gelu)
        let model = try TextEncoder(config: fixture.config, weights: fixture.weights)
        let output = model.forward(fixture.batch).output
        XCTAssertEqual(output.hiddenStates.count, 3)
        let differences = try fixture.compare(output, outputs(output))
        print("bert-tiny parity (max-abs):", differences.sorted { $0.key < $1.key })
    }

    func testAlbertTinyMatchesTransformers() throws {
        let fixture = try Fixture("albert-tiny")
        XCTAssertEqual(fixture.config.activation, .geluTanh)
        XCTAssertEqual(fixture.config.embeddingSize, 16)
        let model = try TextEncoder(config: fixture.config, weights: fixture.weights)
        XCTAssertEqual(model.layers.count, 1, "ALBERT shares one layer")
        let output = model.forward(fixture.batch).output
        XCTAssertEqual(output.hiddenStates.count, 4)
        let differences = try fixture.compare(output, [("embedding_output", output.embeddingOutput)] + outputs(output))
        print("albert-tiny parity (max-abs):", differences.sorted { $0.key < $1.key })
    }

    func testRealMiniLMMatchesTransformersAndSentenceTransformers() throws {
        let fixture = try Fixture("minilm-real", model: try Fixtures.miniLMModel())
        XCTAssertThrowsError(try TextEncoder(config: fixture.config, weights: fixture.weights), "position_ids is unexpected")
        let model = try TextEncoder(config: fixture.config, weights: fixture.weights, ignoring: { $0 == "embeddings.position_ids" })
        let output = model.forward(fixture.batch).output
        let states = [("hidden_states.0", output.hiddenStates[0]), ("hidden_states.1", output.hiddenStates[1]),
                      ("last_hidden_state", output.lastHiddenState), ("pooler_output", output.pooled)]
        var differences = try fixture.compare(output, states)
        // sentence-transformers: mean over the real tokens, then L2-normalised.
        let (batch, hidden) = (fixture.batch, fixture.config.hiddenSize)
        var sentences = [Float](repeating: 0, count: batch.size * hidden)
        for b in 0..<batch.size {
            let real = (0..<batch.length).filter { batch.attentionMask[b * batch.length + $0] == 1 }
            for j in 0..<hidden {
                sentences[b * hidden + j] = real.reduce(0) { $0 + output.lastHiddenState[b, $1, j] } / Float(real.count)
            }
            let norm = (0..<hidden).reduce(0) { $0 + sentences[b * hidden + $1] * sentences[b * hidden + $1] }.squareRoot()
            for j in 0..<hidden { sentences[b * hidden + j] /= norm }
        }
        let sentence = Tensor(shape: [batch.size, hidden], values: sentences)
        differences["sentence_embedding"] = sentence.maxAbsoluteDifference(try fixture.io.tensor("sentence_embedding"))
        XCTAssertLessThanOrEqual(differences["sentence_embedding"]!, 1e-4)
        print("minilm-real parity (max-abs):", differences.sorted { $0.key < $1.key })
    }

    /// The parity tests can fail: the other GELU moves the outputs past the tolerance.
    func testWrongGELUVariantIsCaught() throws {
        for (name, wrong) in [("bert-tiny", Activation.geluTanh), ("albert-tiny", .gelu)] {
            let fixture = try Fixture(name)
            var config = fixture.config
            config.activation = wrong
            let model = try TextEncoder(config: config, weights: fixture.weights)
            let last = model.forward(fixture.batch).output.lastHiddenState
            let difference = last.maxAbsoluteDifference(try fixture.io.tensor("last_hidden_state"))
            print("\(name) with \(wrong.rawValue): max-abs \(difference)")
            XCTAssertGreaterThan(difference, 1e-4, name)
        }
    }
}
