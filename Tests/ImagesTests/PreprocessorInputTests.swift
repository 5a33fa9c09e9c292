import Images
import JPEG
import XCTest

/// Inputs other than the fixture photo: gray and CMYK files, EXIF rotation, limits, non-JPEGs.
final class PreprocessorInputTests: XCTestCase {
    private let preprocessor = CLIPPreprocessor()

    /// The normalised value of byte `value` in `channel`, as the preprocessor computes it.
    private func normalized(_ value: UInt8, channel: Int) -> Float {
        let n = ChannelNormalization.clip
        return (Float(Double(value) / 255) - Float(n.mean[channel])) / Float(n.standardDeviation[channel])
    }

    private func plane(_ pixels: PixelValues, _ channel: Int) -> ArraySlice<Float> {
        let size = pixels.height * pixels.width
        return pixels.values[channel * size..<(channel + 1) * size]
    }

    func testGrayscaleJPEGGivesThreeEqualChannels() throws {
        let jpeg = FlatBlockJPEG.make(columns: 2, rows: 1, blocks: [[90], [90]])
        XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).colorSpace, .grayscale)
        let pixels = try preprocessor(jpeg: jpeg)
        XCTAssertEqual(pixels.shape, [3, 224, 224])
        for channel in 0..<3 {
            XCTAssertTrue(plane(pixels, channel).allSatisfy { $0 == normalized(90, channel: channel) }, "channel \(channel)")
        }
    }

    func testAdobeCMYKJPEGIsConvertedToRGB() throws {
        // Adobe CMYK stores inverted inks: 255 means no ink. Full magenta ink alone is (255, 0, 255).
        let jpeg = FlatBlockJPEG.make(columns: 1, rows: 1, blocks: [[255, 0, 255, 255]], adobe: true)
        XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).colorSpace, .cmyk)
        let pixels = try preprocessor(jpeg: jpeg)
        for (channel, byte) in [UInt8(255), 0, 255].enumerated() {
            XCTAssertTrue(plane(pixels, channel).allSatisfy { $0 == normalized(byte, channel: channel) }, "channel \(channel)")
        }
    }

    func testEXIFOrientationIsAppliedBeforeResizing() throws {
        // Stored 16×8: black left block, white right block. Orientation 6 turns it a quarter
        // clockwise to 8×16 with black on top; the 224×448 resize is then cropped to rows 112..<336.
        let jpeg = FlatBlockJPEG.make(columns: 2, rows: 1, blocks: [[0], [255]], orientation: 6)
        XCTAssertEqual(try JPEGDecoder.readInfo(jpeg).orientation, .rotate90Clockwise)
        let red = plane(try preprocessor(jpeg: jpeg), 0)
        XCTAssertTrue(red.prefix(224).allSatisfy { $0 == normalized(0, channel: 0) }, "top row is black")
        XCTAssertTrue(red.suffix(224).allSatisfy { $0 == normalized(255, channel: 0) }, "bottom row is white")
    }

    func testPixelLimitRefusesFromTheHeader() throws {
        let jpeg = FlatBlockJPEG.make(columns: 4, rows: 4, blocks: Array(repeating: [128], count: 16))
        XCTAssertNoThrow(try CLIPPreprocessor(maxPixels: 32 * 32)(jpeg: jpeg))
        XCTAssertThrowsError(try CLIPPreprocessor(maxPixels: 32 * 32 - 1)(jpeg: jpeg)) { error in
            XCTAssertEqual((error as? JPEGError)?.kind, .tooLarge)
        }
    }

    func testNonJPEGBytesThrow() {
        XCTAssertThrowsError(try preprocessor(jpeg: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])) { error in
            XCTAssertEqual((error as? JPEGError)?.kind, .notJPEG)
        }
    }
}
