import Foundation
import SafeTensors
import XCTest

/// Reads the shared fixtures and the real MiniLM checkpoint, all written by Python's safetensors.
/// Expected sums come from numpy (float64 accumulation) on the same files.
final class FixtureReadingTests: XCTestCase {
    func testBertTinyModelNamesShapesAndValues() throws {
        let file = try SafeTensorsFile(url: TestFiles.shared("fixtures/bert-tiny/model.safetensors"))
        XCTAssertEqual(file.names.count, 39)
        XCTAssertEqual(file.names.first, "embeddings.LayerNorm.bias")
        XCTAssertEqual(file.names.last, "pooler.dense.weight")
        XCTAssertEqual(file.metadata, ["format": "pt"])

        let words = try file.info("embeddings.word_embeddings.weight")
        XCTAssertEqual(words.dtype, .f32)
        XCTAssertEqual(words.shape, [120, 32])
        XCTAssertEqual(try file.info("encoder.layer.1.output.dense.weight").shape, [32, 64])
        XCTAssertEqual(try file.info("encoder.layer.0.intermediate.dense.weight").shape, [64, 32])

        let values = try file.floats("embeddings.word_embeddings.weight")
        XCTAssertEqual(values.count, 120 * 32)
        XCTAssertEqual(Array(values.prefix(3)), [0.06833168, -0.43274793, 0.1690348])
        XCTAssertEqual(sum(values), -19.064709626454714, accuracy: 1e-9)
        XCTAssertEqual(sum(try file.floats("embeddings.LayerNorm.weight")), 32.12515598535538, accuracy: 1e-9)
    }

    func testBertTinyIOTensors() throws {
        let file = try SafeTensorsFile(url: TestFiles.shared("fixtures/bert-tiny/io.safetensors"))
        XCTAssertEqual(file.names, ["attention_mask", "hidden_states.0", "hidden_states.1", "hidden_states.2",
                                    "input_ids", "last_hidden_state", "pooler_output", "token_type_ids"])
        XCTAssertEqual(file.metadata["model"], "BertModel")
        for name in ["input_ids", "attention_mask", "token_type_ids"] {
            XCTAssertEqual(try file.info(name).shape, [2, 12], name)
        }
        XCTAssertEqual(try file.info("last_hidden_state").shape, [2, 12, 32])
        XCTAssertEqual(try file.info("pooler_output").shape, [2, 32])
        // Integer data is stored as exactly representable floats.
        let ids = try file.floats("input_ids").map { Int($0) }
        XCTAssertEqual(ids.prefix(3), [2, 19, 6])
        XCTAssertEqual(ids.reduce(0, +), 824)
        XCTAssertEqual(try file.floats("attention_mask").reduce(0, +), 20)
        XCTAssertEqual(try file.floats("last_hidden_state"), try file.floats("hidden_states.2"))
    }

    func testMiniLMIOTensors() throws {
        let file = try SafeTensorsFile(url: TestFiles.shared("fixtures/minilm-real/io.safetensors"))
        XCTAssertEqual(try file.info("input_ids").shape, [4, 34])
        XCTAssertEqual(try file.info("last_hidden_state").shape, [4, 34, 384])
        XCTAssertEqual(try file.info("sentence_embedding").shape, [4, 384])
        XCTAssertEqual(sum(try file.floats("input_ids")), 723_184)
        // Real lengths 28, 34, 26, 29.
        XCTAssertEqual(sum(try file.floats("attention_mask")), 117)
        XCTAssertEqual(sum(try file.floats("hidden_states.1")), 1545.6998020059705, accuracy: 1e-6)
    }

    func testRealMiniLMCheckpointIncludingItsInt64Tensor() throws {
        let file = try SafeTensorsFile(url: TestFiles.miniLM("model.safetensors"))
        XCTAssertEqual(file.names.count, 104)
        XCTAssertEqual(file.metadata, ["format": "pt"])

        let words = try file.info("embeddings.word_embeddings.weight")
        XCTAssertEqual(words.shape, [30522, 384])
        try file.withUnsafeFloats("embeddings.word_embeddings.weight") { buffer in
            XCTAssertEqual(buffer.count, 30522 * 384)
            XCTAssertEqual(buffer[0], -0.019989014)
            XCTAssertEqual(buffer[buffer.count - 1], 0.0045700637)
            XCTAssertEqual(sum(buffer), 138.05072214923618, accuracy: 1e-6)
        }
        XCTAssertEqual(sum(try file.floats("encoder.layer.5.output.LayerNorm.weight")), 245.77615535109027, accuracy: 1e-9)

        let positions = try file.info("embeddings.position_ids")
        XCTAssertEqual(positions.dtype, .i64)
        XCTAssertEqual(positions.shape, [1, 512])
        XCTAssertEqual(try file.int64s("embeddings.position_ids"), Array(0..<512))
        assertThrows(try file.floats("embeddings.position_ids"), containing: ["embeddings.position_ids", "I64", "int64s()"])
    }

    func testMissingTensorNamesTheFileAndWhatItHas() throws {
        let url = try TestFiles.shared("fixtures/bert-tiny/io.safetensors")
        let file = try SafeTensorsFile(url: url)
        assertThrows(try file.floats("bert.pooler_output"),
                     containing: ["no tensor named bert.pooler_output in \(url.path)", "(it has: attention_mask, hidden_states.0"])
        XCTAssertFalse(file.contains("bert.pooler_output"))
        XCTAssertTrue(file.contains("pooler_output"))
    }

    private func sum(_ values: some Sequence<Float>) -> Double {
        values.reduce(0) { $0 + Double($1) }
    }
}
