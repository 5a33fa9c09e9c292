import JPEG
import XCTest

final class EXIFOrientationTests: XCTestCase {
    /// Expected pixel order for a 3×2 image whose pixels are numbered 0…5 row by row, from Pillow:
    ///   im = Image.new('RGB', (3, 2)); im.putdata([(i, 0, 0) for i in range(6)])
    ///   e = im.getexif(); e[0x0112] = o; im.info['exif'] = e.tobytes()
    ///   t = ImageOps.exif_transpose(im); print(t.size, [p[0] for p in t.getdata()])
    private let pillow: [EXIFOrientation: (size: [Int], order: [UInt8])] = [
        .identity: ([3, 2], [0, 1, 2, 3, 4, 5]),
        .flipHorizontal: ([3, 2], [2, 1, 0, 5, 4, 3]),
        .rotate180: ([3, 2], [5, 4, 3, 2, 1, 0]),
        .flipVertical: ([3, 2], [3, 4, 5, 0, 1, 2]),
        .transpose: ([2, 3], [0, 3, 1, 4, 2, 5]),
        .rotate90Clockwise: ([2, 3], [3, 0, 4, 1, 5, 2]),
        .transverse: ([2, 3], [5, 2, 4, 1, 3, 0]),
        .rotate90CounterClockwise: ([2, 3], [2, 5, 1, 4, 0, 3]),
    ]

    func testApplyingOrientationMatchesPillowExifTranspose() {
        let numbered = RGBImage(width: 3, height: 2, pixels: (0..<6).flatMap { [UInt8($0), 10, 20 + UInt8($0)] })
        for orientation in EXIFOrientation.allCases {
            let expected = pillow[orientation]!
            let result = numbered.applyingOrientation(orientation)
            XCTAssertEqual([result.width, result.height], expected.size, "\(orientation)")
            XCTAssertEqual(result.pixels, expected.order.flatMap { [$0, 10, 20 + $0] }, "\(orientation)")
        }
    }

    func testRawValuesAreTheEXIFTagValues() {
        XCTAssertEqual(EXIFOrientation.allCases.map(\.rawValue), Array(1...8))
        XCTAssertEqual(EXIFOrientation.allCases.filter(\.swapsDimensions).map(\.rawValue), [5, 6, 7, 8])
    }
}
