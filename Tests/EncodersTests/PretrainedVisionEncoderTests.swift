import Encoders
import Foundation
import SafeTensors
import SharedTestPaths
import Tensors
import XCTest

/// The vision folder loader end to end on the tiny CLIP fixture: the loaded encoder reproduces
/// transformers' outputs for the fixture's pixels, and a JPEG goes through preprocessing into it.
final class PretrainedVisionEncoderTests: XCTestCase {
    private func fixture() throws -> URL { try SharedTestPaths.shared("fixtures/clip-vit-tiny") }

    func testLoadsTheFolderAndEncodesAPhoto() throws {
        let folder = try fixture()
        let model = try PretrainedVisionEncoder(folder: folder)
        let io = try NamedTensorsFile.read(folder.appendingPathComponent("io.safetensors"))
        let pixels = try XCTUnwrap(io["pixel_values"])
        let output = model.encoder.forward(Tensor(shape: pixels.shape, values: pixels.values)).output
        let expected = try XCTUnwrap(io["pooler_output"])
        XCTAssertLessThan(zip(output.pooled.values, expected.values).map { abs($0 - $1) }.max() ?? 1, 1e-4)

        let (photo, encoded) = try model.encode(imageAt: folder.appendingPathComponent("preprocess/photo.jpg"))
        XCTAssertEqual(photo.shape, [3, model.encoder.config.imageSize, model.encoder.config.imageSize])
        XCTAssertEqual(encoded.lastHiddenState.shape, [1, model.encoder.config.tokenCount, model.encoder.config.hiddenSize])
        XCTAssertTrue(encoded.pooled.values.allSatisfy(\.isFinite))
        XCTAssertThrowsError(try model.encode(imageAt: folder.appendingPathComponent("config.json")))
    }
}
