import Foundation
import SafeTensors
import XCTest

final class HFConfigTests: XCTestCase {
    private func decode(_ json: String) throws -> HFConfig {
        try JSONDecoder().decode(HFConfig.self, from: Data(json.utf8))
    }

    // Each test locates its file outside XCTUnwrap, which would report a skip as a failure.
    func testBertTiny() throws {
        let url = try TestFiles.shared("fixtures/bert-tiny/config.json")
        let tiny = try XCTUnwrap(HFConfig(contentsOf: url).textEncoder)
        XCTAssertEqual(tiny.family, .bert)
        XCTAssertEqual(tiny.vocabSize, 120)
        XCTAssertEqual(tiny.hiddenSize, 32)
        XCTAssertEqual(tiny.embeddingSize, 32)
        XCTAssertEqual(tiny.numHiddenLayers, 2)
        XCTAssertEqual(tiny.numAttentionHeads, 4)
        XCTAssertEqual(tiny.headSize, 8)
        XCTAssertEqual(tiny.intermediateSize, 64)
        XCTAssertEqual(tiny.maxPositionEmbeddings, 64)
        XCTAssertEqual(tiny.hiddenAct, "gelu")
        XCTAssertEqual(tiny.layerNormEps, 1e-12)
        XCTAssertEqual(tiny.numHiddenGroups, 1)
    }

    func testRealMiniLM() throws {
        let url = try TestFiles.miniLM("config.json")
        let miniLM = try XCTUnwrap(HFConfig(contentsOf: url).textEncoder)
        XCTAssertEqual(miniLM.family, .bert)
        XCTAssertEqual(miniLM.vocabSize, 30522)
        XCTAssertEqual(miniLM.hiddenSize, 384)
        XCTAssertEqual(miniLM.numHiddenLayers, 6)
        XCTAssertEqual(miniLM.numAttentionHeads, 12)
        XCTAssertEqual(miniLM.intermediateSize, 1536)
        XCTAssertEqual(miniLM.maxPositionEmbeddings, 512)
        XCTAssertEqual(miniLM.padTokenId, 0)
    }

    func testAlbertTiny() throws {
        let url = try TestFiles.shared("fixtures/albert-tiny/config.json")
        let config = try XCTUnwrap(HFConfig(contentsOf: url).textEncoder)
        XCTAssertEqual(config.family, .albert)
        XCTAssertEqual(config.embeddingSize, 16)
        XCTAssertEqual(config.hiddenSize, 32)
        XCTAssertEqual(config.numHiddenLayers, 3)
        XCTAssertEqual(config.numHiddenGroups, 1)
        XCTAssertEqual(config.innerGroupNum, 1)
        XCTAssertEqual(config.hiddenAct, "gelu_new")
        XCTAssertEqual(config.layerNormEps, 1e-12)
    }

    func testClipVisionTinyAtTopLevel() throws {
        let url = try TestFiles.shared("fixtures/clip-vit-tiny/config.json")
        let config = try XCTUnwrap(HFConfig(contentsOf: url).clipVision)
        XCTAssertEqual(config.imageSize, 32)
        XCTAssertEqual(config.patchSize, 8)
        XCTAssertEqual(config.patchesPerSide, 4)
        XCTAssertEqual(config.sequenceLength, 17)
        XCTAssertEqual(config.hiddenSize, 32)
        XCTAssertEqual(config.numAttentionHeads, 4)
        XCTAssertEqual(config.numHiddenLayers, 2)
        XCTAssertEqual(config.intermediateSize, 64)
        XCTAssertEqual(config.hiddenAct, "quick_gelu")
        XCTAssertEqual(config.layerNormEps, 1e-5)
        XCTAssertEqual(config.numChannels, 3)
    }

    /// A hub CLIPModel config lists only what differs from the defaults in `vision_config`.
    func testNestedClipVisionConfigTakesTransformersDefaults() throws {
        let config = try XCTUnwrap(decode("""
            {"model_type": "clip", "projection_dim": 512,
             "text_config": {"hidden_size": 512},
             "vision_config": {"hidden_size": 1024, "intermediate_size": 4096, "num_attention_heads": 16,
                               "num_hidden_layers": 24, "patch_size": 14, "projection_dim": 768}}
            """).clipVision)
        XCTAssertEqual(config.hiddenSize, 1024)
        XCTAssertEqual(config.patchSize, 14)
        XCTAssertEqual(config.imageSize, 224)
        XCTAssertEqual(config.sequenceLength, 257)
        XCTAssertEqual(config.hiddenAct, "quick_gelu")
        XCTAssertEqual(config.layerNormEps, 1e-5)
        XCTAssertEqual(config.projectionDim, 768)
    }

    func testFamilyInferredWithoutModelType() throws {
        XCTAssertEqual(try decode(#"{"hidden_size": 64, "num_attention_heads": 4}"#).textEncoder?.family, .bert)
        let albert = try XCTUnwrap(decode(#"{"num_hidden_groups": 1, "hidden_size": 64, "num_attention_heads": 4}"#).textEncoder)
        XCTAssertEqual(albert.family, .albert)
        XCTAssertEqual(albert.embeddingSize, 128)
        XCTAssertEqual(albert.hiddenAct, "gelu_new")
        XCTAssertNotNil(try decode(#"{"vision_config": {}}"#).clipVision)
    }

    func testRejectedConfigs() {
        assertThrows(try decode(#"{"model_type": "roberta"}"#), containing: ["roberta", "not supported"])
        assertThrows(try decode(#"{"model_type": "bert", "hidden_size": 30, "num_attention_heads": 4}"#),
                     containing: ["hidden_size 30 is not a multiple of num_attention_heads 4"])
        assertThrows(try decode(#"{"model_type": "clip_vision_model", "image_size": 30, "patch_size": 8}"#),
                     containing: ["image_size 30 is not a multiple of patch_size 8"])
    }

    func testTextConfigRoundTripsThroughJSON() throws {
        let config = try XCTUnwrap(decode(#"{"model_type": "albert", "embedding_size": 16, "hidden_size": 32, "num_attention_heads": 4}"#).textEncoder)
        let again = try JSONDecoder().decode(TextEncoderConfig.self, from: JSONEncoder().encode(config))
        XCTAssertEqual(again, config)
    }
}
