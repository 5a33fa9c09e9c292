import CJPEG
import Glibc

/// Builds small JPEGs in memory with libjpeg's encoder, so the tests need no binary fixtures.
enum TestJPEGs {
    enum Stored { case grayscale, yCbCr, cmyk, ycck }

    /// Encodes `samples` (1, 3 or 4 interleaved bytes per pixel for gray, RGB, CMYK input).
    static func encode(_ samples: [UInt8], width: Int, height: Int, as stored: Stored,
                       quality: Int = 90, progressive: Bool = false, app1: [UInt8] = []) -> [UInt8] {
        let (input, output): (J_COLOR_SPACE, J_COLOR_SPACE) = switch stored {
        case .grayscale: (JCS_GRAYSCALE, JCS_GRAYSCALE)
        case .yCbCr: (JCS_RGB, JCS_YCbCr)
        case .cmyk: (JCS_CMYK, JCS_CMYK)
        case .ycck: (JCS_CMYK, JCS_YCCK)
        }
        let perPixel = stored == .grayscale ? 1 : stored == .yCbCr ? 3 : 4
        precondition(samples.count == width * height * perPixel, "sample count does not match the size")
        var jpeg: UnsafeMutablePointer<UInt8>?
        var length: UInt = 0
        var report = coatt_jpeg_report()
        let status = coatt_jpeg_encode(samples, Int32(width), Int32(height),
                                       Int32(input.rawValue), Int32(output.rawValue),
                                       Int32(quality), progressive ? 1 : 0,
                                       app1, app1.count, &jpeg, &length, &report)
        precondition(status == COATT_JPEG_OK, "test encoder failed with status \(status)")
        defer { free(jpeg) }
        return Array(UnsafeBufferPointer(start: jpeg, count: Int(length)))
    }

    /// A smooth RGB gradient: compresses well and survives JPEG nearly unchanged.
    static func gradient(width: Int, height: Int) -> [UInt8] {
        var samples: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                samples += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 128]
            }
        }
        return samples
    }

    /// An APP1 payload ("Exif\0\0" + TIFF) whose IFD0 has an unrelated tag, then Orientation.
    static func exifPayload(orientation: Int, bigEndian: Bool) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] {
            let bytes = [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            return bigEndian ? bytes : bytes.reversed()
        }
        func u32(_ v: Int) -> [UInt8] {
            let bytes = [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            return bigEndian ? bytes : bytes.reversed()
        }
        let byteOrder: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        let software = u16(0x0131) + u16(2) + u32(4) + [0x61, 0x62, 0x63, 0x00]  // ASCII "abc"
        let orientationEntry = u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)
        return Array("Exif\0\0".utf8) + byteOrder + u16(42) + u32(8)
            + u16(2) + software + orientationEntry + u32(0)
    }

    /// Offset just past the SOS segment header: where entropy-coded data begins.
    static func entropyDataStart(_ jpeg: [UInt8]) -> Int {
        var index = 2
        while index + 4 <= jpeg.count {
            precondition(jpeg[index] == 0xFF, "test JPEG has no marker at \(index)")
            let marker = jpeg[index + 1]
            let length = Int(jpeg[index + 2]) << 8 | Int(jpeg[index + 3])
            if marker == 0xDA { return index + 2 + length }
            index += 2 + length
        }
        preconditionFailure("test JPEG has no SOS marker")
    }

    /// Rewrites the frame size in the SOF0/SOF2 header without touching anything else.
    static func declaringSize(_ jpeg: [UInt8], width: Int, height: Int) -> [UInt8] {
        var out = jpeg
        var index = 2
        while index + 4 <= out.count {
            let marker = out[index + 1]
            let length = Int(out[index + 2]) << 8 | Int(out[index + 3])
            if marker == 0xC0 || marker == 0xC2 {
                // SOF layout: length(2) precision(1) height(2) width(2)
                out[index + 5] = UInt8(height >> 8); out[index + 6] = UInt8(height & 0xFF)
                out[index + 7] = UInt8(width >> 8); out[index + 8] = UInt8(width & 0xFF)
                return out
            }
            index += 2 + length
        }
        preconditionFailure("test JPEG has no SOF0/SOF2 marker")
    }
}

extension TestJPEGs {
    /// Drops every header segment with the given marker (e.g. 0xEE for APP14).
    static func removingSegments(_ marker: UInt8, from jpeg: [UInt8]) -> [UInt8] {
        var out = Array(jpeg[0..<2])
        var index = 2
        while index + 4 <= jpeg.count, jpeg[index + 1] != 0xDA {
            let length = Int(jpeg[index + 2]) << 8 | Int(jpeg[index + 3])
            if jpeg[index + 1] != marker { out += jpeg[index..<index + 2 + length] }
            index += 2 + length
        }
        return out + jpeg[index...]
    }
}
