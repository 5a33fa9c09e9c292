import JPEG
import XCTest

/// Decoding of the JPEG variants found in the wild, on images encoded by the test itself.
final class JPEGDecodeTests: XCTestCase {
    private let (width, height) = (48, 40)

    func testYCbCrRoundTripStaysCloseToSource() throws {
        let source = TestJPEGs.gradient(width: width, height: height)
        let jpeg = TestJPEGs.encode(source, width: width, height: height, as: .yCbCr, quality: 95)
        let info = try JPEGDecoder.readInfo(jpeg)
        XCTAssertEqual([info.width, info.height, info.components], [width, height, 3])
        XCTAssertEqual(info.colorSpace, .yCbCr)
        let image = try JPEGDecoder.decode(jpeg)
        XCTAssertEqual([image.width, image.height], [width, height])
        let differences = zip(image.pixels, source).map { abs(Int($0) - Int($1)) }
        XCTAssertLessThan(Double(differences.reduce(0, +)) / Double(differences.count), 1.5)
        XCTAssertLessThanOrEqual(differences.max() ?? 0, 12)
    }

    func testGrayscaleBecomesEqualRGBChannels() throws {
        let source = (0..<width * height).map { UInt8($0 % width * 5) }
        let jpeg = TestJPEGs.encode(source, width: width, height: height, as: .grayscale, quality: 95)
        XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).colorSpace, .grayscale)
        let image = try JPEGDecoder.decode(jpeg)
        for pixel in 0..<width * height {
            let rgb = image.pixels[3 * pixel..<3 * pixel + 3]
            XCTAssertEqual(Set(rgb).count, 1, "pixel \(pixel) is \(Array(rgb))")
            XCTAssertLessThanOrEqual(abs(Int(rgb.first!) - Int(source[pixel])), 12)
        }
    }

    func testProgressiveDecodesLikeBaseline() throws {
        // Progressive scans carry the same quantized coefficients, so the pixels agree exactly.
        let source = TestJPEGs.gradient(width: width, height: height)
        let baseline = TestJPEGs.encode(source, width: width, height: height, as: .yCbCr)
        let progressive = TestJPEGs.encode(source, width: width, height: height, as: .yCbCr, progressive: true)
        XCTAssertFalse(try JPEGDecoder.readInfo(baseline).isProgressive)
        XCTAssertTrue(try JPEGDecoder.readInfo(progressive).isProgressive)
        XCTAssertEqual(try JPEGDecoder.decode(progressive), try JPEGDecoder.decode(baseline))
    }

    /// Four 8×8 patches of flat ink, one per JPEG block, so compression barely moves them.
    /// Stored inverted, as Photoshop writes Adobe-marked CMYK.
    private let inks: [(cmyk: [UInt8], rgb: [Int])] = [
        ([255, 0, 0, 0], [0, 255, 255]),      // cyan
        ([0, 255, 255, 0], [255, 0, 0]),      // magenta + yellow = red
        ([0, 0, 0, 128], [127, 127, 127]),    // half black
        ([0, 0, 0, 0], [255, 255, 255]),      // paper
    ]

    private func invertedInkPatches() -> [UInt8] {
        (0..<8).flatMap { _ in inks.flatMap { ink in (0..<8).flatMap { _ in ink.cmyk.map { 255 - $0 } } } }
    }

    private func assertPatches(_ image: RGBImage, _ expected: [[Int]], tolerance: Int,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual([image.width, image.height], [32, 8], file: file, line: line)
        for (patch, rgb) in expected.enumerated() {
            let center = (4 * 32 + patch * 8 + 4) * 3
            let got = image.pixels[center..<center + 3].map(Int.init)
            XCTAssertTrue(zip(got, rgb).allSatisfy { abs($0 - $1) <= tolerance },
                          "patch \(patch): got \(got), expected \(rgb)", file: file, line: line)
        }
    }

    func testAdobeCMYKIsReadAsInvertedInks() throws {
        let jpeg = TestJPEGs.encode(invertedInkPatches(), width: 32, height: 8, as: .cmyk, quality: 100)
        let info = try JPEGDecoder.readInfo(jpeg)
        XCTAssertEqual(info.colorSpace, .cmyk)
        XCTAssertEqual(info.components, 4)
        assertPatches(try JPEGDecoder.decode(jpeg), inks.map(\.rgb), tolerance: 2)
    }

    func testYCCKIsConvertedLikeCMYK() throws {
        let jpeg = TestJPEGs.encode(invertedInkPatches(), width: 32, height: 8, as: .ycck, quality: 100)
        XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).colorSpace, .ycck)
        assertPatches(try JPEGDecoder.decode(jpeg), inks.map(\.rgb), tolerance: 3)
    }

    func testCMYKWithoutAdobeMarkerIsReadAsPlainInks() throws {
        let jpeg = TestJPEGs.encode(invertedInkPatches(), width: 32, height: 8, as: .cmyk, quality: 100)
        let plain = TestJPEGs.removingSegments(0xEE, from: jpeg)  // APP14 "Adobe"
        XCTAssertLessThan(plain.count, jpeg.count)
        // The stored values are now taken as ink amounts: the inverted inks read as their complements.
        let complements = inks.map { ink -> [Int] in
            let (c, m, y, k) = (Int(255 - ink.cmyk[0]), Int(255 - ink.cmyk[1]), Int(255 - ink.cmyk[2]),
                                Int(255 - ink.cmyk[3]))
            return [c, m, y].map { (255 - $0) * (255 - k) / 255 }
        }
        assertPatches(try JPEGDecoder.decode(plain), complements, tolerance: 2)
    }

    func testDCTScalingShrinksOutput() throws {
        let jpeg = TestJPEGs.encode(TestJPEGs.gradient(width: 64, height: 48), width: 64, height: 48, as: .yCbCr)
        for (scale, size) in [(JPEGScale.half, [32, 24]), (.quarter, [16, 12]), (.eighth, [8, 6]),
                              (JPEGScale(3, 8), [24, 18]), (.full, [64, 48])] {
            let image = try JPEGDecoder.decode(jpeg, scale: scale)
            XCTAssertEqual([image.width, image.height], size, "scale \(scale)")
            XCTAssertEqual(image.pixels.count, size[0] * size[1] * 3)
        }
    }

    func testEXIFOrientationIsReadAndApplied() throws {
        let source = TestJPEGs.gradient(width: width, height: height)
        for bigEndian in [true, false] {
            let app1 = TestJPEGs.exifPayload(orientation: 6, bigEndian: bigEndian)
            let jpeg = TestJPEGs.encode(source, width: width, height: height, as: .yCbCr, app1: app1)
            XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).orientation, .rotate90Clockwise,
                           bigEndian ? "MM" : "II")
            let upright = try JPEGDecoder.decode(jpeg, applyingOrientation: true)
            XCTAssertEqual([upright.width, upright.height], [height, width])
            XCTAssertEqual(upright, try JPEGDecoder.decode(jpeg).applyingOrientation(.rotate90Clockwise))
        }
    }

    func testMissingOrMalformedEXIFMeansIdentity() throws {
        let source = TestJPEGs.gradient(width: 16, height: 16)
        var broken = TestJPEGs.exifPayload(orientation: 6, bigEndian: true)
        broken[6] = 0x58  // neither "MM" nor "II"
        for app1 in [[], broken, TestJPEGs.exifPayload(orientation: 9, bigEndian: false)] {
            let jpeg = TestJPEGs.encode(source, width: 16, height: 16, as: .yCbCr, app1: app1)
            XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).orientation, .identity)
        }
    }
}
