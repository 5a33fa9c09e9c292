import Foundation
import JPEG
import SharedTestPaths
import XCTest

/// Decodes the shared CLIP preprocessing photo and compares with Pillow's decode.
///
/// Expected values from Pillow 13.0.0 (bundled libjpeg-turbo 3.2), computed with:
///   python3 -m venv .venv && .venv/bin/pip install pillow numpy
///   .venv/bin/python -c "from PIL import Image; import numpy as np, hashlib
///   a = np.asarray(Image.open('photo.jpg').convert('RGB')); b = a.tobytes(); h = 0xcbf29ce484222325
///   for x in b: h = ((h ^ x) * 0x100000001b3) % 2**64
///   print(a.shape, a.reshape(-1, 3).sum(0), hex(h), hashlib.sha256(b).hexdigest())"
/// → (427, 640, 3) [39550256 39753569 38551062] 0x6888849d7fe3f3c6, SHA-256 cdfc9fd3…d72de6,
/// which matches "decoded_rgb" in the fixture's preprocess.json.
final class JPEGFixtureTests: XCTestCase {
    private func fixtureURL() throws -> URL {
        try SharedTestPaths.shared("fixtures/clip-vit-tiny/preprocess/photo.jpg")
    }

    func testPhotoDecodesBitIdenticallyToPillow() throws {
        let data = try Data(contentsOf: fixtureURL())
        let image = try JPEGDecoder.decode(data)
        XCTAssertEqual(image.width, 640)
        XCTAssertEqual(image.height, 427)
        var sums = [0, 0, 0]
        for (index, value) in image.pixels.enumerated() { sums[index % 3] += Int(value) }
        XCTAssertEqual(sums, [39_550_256, 39_753_569, 38_551_062])
        XCTAssertEqual(Array(image.pixels.prefix(3)), [174, 200, 233])
        XCTAssertEqual(Array(image.pixels.suffix(3)), [13, 19, 7])
        XCTAssertEqual(fnv1a64(image.pixels), 0x6888_849D_7FE3_F3C6, "pixels differ from Pillow's")
    }

    func testPhotoInfo() throws {
        let info = try JPEGDecoder.readInfo(Data(contentsOf: fixtureURL()))
        XCTAssertEqual(info.width, 640)
        XCTAssertEqual(info.height, 427)
        XCTAssertEqual(info.colorSpace, .yCbCr)
        XCTAssertFalse(info.isProgressive)
        XCTAssertEqual(info.orientation, .identity)
        XCTAssertNil(info.warning)
    }

    private func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
