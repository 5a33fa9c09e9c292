import CJPEG

/// The only code that hands Swift memory to libjpeg (through the shim in CJPEG/shim.h).
enum LibJPEG {
    struct Header {
        let info: JPEGInfo
        /// Pixel size after DCT scaling: what `decodeRGB` produces.
        let outputWidth: Int
        let outputHeight: Int
    }

    /// Parses markers and the frame header; allocates nothing in proportion to the image.
    static func readHeader(_ data: [UInt8], scale: JPEGScale) throws(JPEGError) -> Header {
        var header = coatt_jpeg_header()
        var report = coatt_jpeg_report()
        // An APP1 segment holds at most 65,533 payload bytes.
        var exif = [UInt8](repeating: 0, count: 65_533)
        let status = data.withUnsafeBufferPointer { input in
            exif.withUnsafeMutableBufferPointer { exifBuffer in
                coatt_jpeg_read_header(input.baseAddress, input.count,
                                       UInt32(scale.numerator), UInt32(scale.denominator),
                                       &header, exifBuffer.baseAddress, exifBuffer.count, &report)
            }
        }
        guard status == COATT_JPEG_OK else { throw error(for: report) }
        exif.removeSubrange(Int(header.exif_length)...)
        let info = JPEGInfo(
            width: Int(header.width), height: Int(header.height),
            components: Int(header.components),
            colorSpace: colorSpace(header.color_space),
            isProgressive: header.progressive != 0,
            orientation: EXIFOrientation(exifPayload: exif) ?? .identity,
            warning: text(report.warning).nonEmpty)
        return Header(info: info, outputWidth: Int(header.output_width),
                      outputHeight: Int(header.output_height))
    }

    /// Decodes to RGB; `width` and `height` must be the header's output size for `scale`.
    static func decodeRGB(_ data: [UInt8], scale: JPEGScale, width: Int, height: Int) throws(JPEGError) -> [UInt8] {
        var report = coatt_jpeg_report()
        var status = COATT_JPEG_OK
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, initialized in
            status = data.withUnsafeBufferPointer { input in
                coatt_jpeg_decode_rgb(input.baseAddress, input.count,
                                      UInt32(scale.numerator), UInt32(scale.denominator),
                                      buffer.baseAddress, width, height, &report)
            }
            initialized = status == COATT_JPEG_OK ? buffer.count : 0
        }
        precondition(status != COATT_JPEG_BAD_BUFFER,
                     "libjpeg's output size differs from the header read of the same data")
        guard status == COATT_JPEG_OK else { throw error(for: report) }
        return pixels
    }

    private static func error(for report: coatt_jpeg_report) -> JPEGError {
        let message = text(report.message)
        switch report.status {
        case COATT_JPEG_TRUNCATED: return JPEGError(.truncated, "truncated JPEG data: \(message)")
        case COATT_JPEG_UNSUPPORTED: return JPEGError(.unsupported, "unsupported JPEG: \(message)")
        case COATT_JPEG_FAILED: return JPEGError(.libraryFailure, "libjpeg failed: \(message)")
        default:
            // Most of libjpeg's corruption messages already start with this phrase.
            let prefix = "Corrupt JPEG data: "
            let detail = message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
            return JPEGError(.corruptData, "corrupt JPEG data: \(detail)")
        }
    }

    private static func colorSpace(_ value: Int32) -> JPEGColorSpace {
        switch UInt32(bitPattern: value) {
        case JCS_GRAYSCALE.rawValue: .grayscale
        case JCS_YCbCr.rawValue: .yCbCr
        case JCS_RGB.rawValue: .rgb
        case JCS_CMYK.rawValue: .cmyk
        case JCS_YCCK.rawValue: .ycck
        default: .unknown
        }
    }

    /// Reads a NUL-terminated C char array that the shim filled.
    private static func text<Chars>(_ chars: Chars) -> String {
        withUnsafeBytes(of: chars) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
