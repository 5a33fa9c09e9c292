import JPEG
import XCTest

/// Broken input must throw the right error, never crash, and never print (libjpeg's default
/// error manager writes to stderr and exits).
final class JPEGErrorTests: XCTestCase {
    /// A noisy image, so the entropy-coded data is long enough to damage in the middle.
    private func noisyJPEG(progressive: Bool = false) -> [UInt8] {
        var state: UInt32 = 7
        let samples = (0..<64 * 64 * 3).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(state >> 24)
        }
        return TestJPEGs.encode(samples, width: 64, height: 64, as: .yCbCr, progressive: progressive)
    }

    private func decodeError(_ data: [UInt8], maxPixels: Int = 50_000_000,
                             file: StaticString = #filePath, line: UInt = #line) -> JPEGError? {
        var caught: JPEGError?
        let printed = capturingStandardError {
            do throws(JPEGError) {
                let image = try JPEGDecoder.decode(data, maxPixels: maxPixels)
                XCTFail("decoded a \(image.width)×\(image.height) image instead of throwing", file: file, line: line)
            } catch {
                caught = error
            }
        }
        XCTAssertEqual(printed, "", "libjpeg wrote to stderr", file: file, line: line)
        return caught
    }

    func testEmptyData() {
        let error = decodeError([])
        XCTAssertEqual(error?.kind, .empty)
        XCTAssertEqual(error?.description, "empty data: no bytes to decode as JPEG")
    }

    func testPNGRenamedToJPG() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        let error = decodeError(png)
        XCTAssertEqual(error?.kind, .notJPEG)
        XCTAssertEqual(error?.description, "not a JPEG file: starts with 0x89 0x50 (PNG?)")
        XCTAssertThrowsError(try JPEGDecoder.readInfo(png))
    }

    func testFlippedEntropyBytesAreCorruptData() {
        var jpeg = noisyJPEG()
        let start = TestJPEGs.entropyDataStart(jpeg)
        let middle = (start + jpeg.count) / 2
        for index in middle..<middle + 16 { jpeg[index] ^= 0xFF }
        let error = decodeError(jpeg)
        XCTAssertEqual(error?.kind, .corruptData, "\(error.map(String.init(describing:)) ?? "no error")")
        XCTAssertTrue(error?.description.hasPrefix("corrupt JPEG data: ") ?? false, "\(String(describing: error))")
    }

    func testFileCutInHalfIsTruncated() {
        for progressive in [false, true] {
            let jpeg = noisyJPEG(progressive: progressive)
            let error = decodeError(Array(jpeg.prefix(jpeg.count / 2)))
            XCTAssertEqual(error?.kind, .truncated, "progressive: \(progressive)")
            XCTAssertEqual(error?.description, "truncated JPEG data: Premature end of JPEG file")
        }
    }

    func testMissingEOIMarkerCountsAsTruncated() {
        let jpeg = noisyJPEG()
        XCTAssertEqual(Array(jpeg.suffix(2)), [0xFF, 0xD9])
        XCTAssertEqual(decodeError(Array(jpeg.dropLast(2)))?.kind, .truncated)
    }

    func testHugeDeclaredSizeIsRejectedBeforeAllocation() throws {
        let bomb = TestJPEGs.declaringSize(noisyJPEG(), width: 60000, height: 60000)
        let info = try JPEGDecoder.readInfo(bomb)
        XCTAssertEqual([info.width, info.height], [60000, 60000])
        let error = decodeError(bomb)
        XCTAssertEqual(error?.kind, .tooLarge)
        XCTAssertEqual(error?.description, "image of 60000x60000 pixels exceeds the limit of 50,000,000")
    }

    func testPixelLimitIsTheCallersChoice() throws {
        let jpeg = noisyJPEG()
        XCTAssertEqual(decodeError(jpeg, maxPixels: 4095)?.description,
                       "image of 64x64 pixels exceeds the limit of 4,095")
        XCTAssertEqual(try JPEGDecoder.decode(jpeg, maxPixels: 4096).width, 64)
    }

    func testTwelveBitPrecisionIsUnsupported() {
        var jpeg = noisyJPEG()
        let sof = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 }!
        jpeg[sof + 4] = 12  // sample precision
        let error = decodeError(jpeg)
        XCTAssertEqual(error?.kind, .unsupported)
        XCTAssertEqual(error?.description, "unsupported JPEG: Unsupported JPEG data precision 12")
    }

    func testStrayBytesBetweenMarkersAreOnlyAWarning() throws {
        let clean = noisyJPEG()
        let app0Length = Int(clean[4]) << 8 | Int(clean[5])
        let afterAPP0 = 4 + app0Length
        var stray = clean
        stray.insert(contentsOf: [0x00, 0x01, 0x02], at: afterAPP0)
        var info: JPEGInfo?
        let printed = try capturingStandardError { info = try JPEGDecoder.readInfo(stray) }
        XCTAssertEqual(printed, "")
        XCTAssertEqual(info?.warning, "Corrupt JPEG data: 3 extraneous bytes before marker 0xdb")
        XCTAssertEqual(try JPEGDecoder.decode(stray), try JPEGDecoder.decode(clean))
    }
}
