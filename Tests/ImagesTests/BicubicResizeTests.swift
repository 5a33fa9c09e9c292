import Images
import JPEG
import XCTest

/// The resize and crop geometry, and properties of the Pillow bicubic port that hold for any image.
final class BicubicResizeTests: XCTestCase {
    /// A deterministic noisy image: every pixel differs, so a misplaced tap shows.
    private func noise(width: Int, height: Int) -> RGBImage {
        var state: UInt32 = 12345
        let pixels = (0..<width * height * 3).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(state >> 24)
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    func testShortestSideAndFlooredCentreCrop() {
        let landscape = ResizePlan(width: 640, height: 427, shortestSide: 224, cropSize: 224)
        XCTAssertEqual([landscape.resizedWidth, landscape.resizedHeight], [335, 224])
        XCTAssertEqual(landscape.crop, PixelRect(x: 55, y: 0, width: 224, height: 224), "floor, not round (56)")
        let portrait = ResizePlan(width: 300, height: 1000, shortestSide: 224, cropSize: 224)
        XCTAssertEqual([portrait.resizedWidth, portrait.resizedHeight], [224, 746], "int(746.67) truncates")
        XCTAssertEqual(portrait.crop, PixelRect(x: 0, y: 261, width: 224, height: 224))
        let square = ResizePlan(width: 50, height: 50, shortestSide: 224, cropSize: 224)
        XCTAssertEqual([square.resizedWidth, square.resizedHeight, square.crop.x, square.crop.y], [224, 224, 0, 0])
    }

    func testWindowIsTheCropOfTheFullResize() {
        let image = noise(width: 97, height: 61)
        for (width, height) in [(40, 25), (150, 90), (97, 30)] {
            let full = image.resizedBicubic(width: width, height: height)
            let window = PixelRect(x: 7, y: 3, width: width - 11, height: height - 5)
            let part = image.resizedBicubic(width: width, height: height, window: window)
            var expected: [UInt8] = []
            for row in window.rows {
                expected += full.pixels[(row * width + window.x) * 3..<(row * width + window.x + window.width) * 3]
            }
            XCTAssertEqual(part, RGBImage(width: window.width, height: window.height, pixels: expected), "\(width)×\(height)")
        }
    }

    func testSameSizeIsIdentityAndFlatStaysFlat() {
        let image = noise(width: 33, height: 20)
        XCTAssertEqual(image.resizedBicubic(width: 33, height: 20), image, "weights at integer offsets are 1, 0, 0")
        let flat = RGBImage(width: 50, height: 31, pixels: [UInt8](repeating: 200, count: 50 * 31 * 3))
        for (width, height) in [(17, 9), (224, 139), (50, 224)] {
            let resized = flat.resizedBicubic(width: width, height: height)
            XCTAssertTrue(resized.pixels.allSatisfy { $0 == 200 }, "\(width)×\(height): weights must sum to one")
        }
    }

    func testExtremeAspectRatioCostsOnlyTheCrop() {
        // Resized in full this strip would be 224 × 448,000 pixels.
        let strip = noise(width: 1, height: 2000)
        let pixels = CLIPPreprocessor()(strip)
        XCTAssertEqual(pixels.shape, [3, 224, 224])
        XCTAssertTrue(pixels.values.allSatisfy(\.isFinite))
    }
}
