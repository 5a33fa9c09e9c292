/// Why a JPEG could not be read. `description` is a sentence meant for logs and users.
public struct JPEGError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The broad cause, for callers that react differently (skip, retry with a bigger limit…).
    public enum Kind: Sendable, Equatable {
        /// No bytes at all.
        case empty
        /// The data does not start with the JPEG SOI marker.
        case notJPEG
        /// The data ends before the image does.
        case truncated
        /// The stream is malformed, or its entropy-coded data is damaged.
        case corruptData
        /// A valid JPEG variant this libjpeg build cannot decode (12-bit, lossless, …).
        case unsupported
        /// The declared size exceeds the caller's pixel limit.
        case tooLarge
        /// libjpeg itself failed, for instance out of memory.
        case libraryFailure
    }

    /// The broad cause.
    public let kind: Kind
    /// The full message, e.g. "corrupt JPEG data: bad Huffman code".
    public let description: String

    /// Creates an error; `description` is shown as is.
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

extension JPEGError {
    /// Names the format a non-JPEG file most likely is, since mislabeled uploads are common.
    /// `bytes` holds at least the first two bytes of the file.
    static func notJPEG(startingWith bytes: ArraySlice<UInt8>) -> JPEGError {
        let shown = bytes.prefix(2).map { "0x" + hex($0) }.joined(separator: " ")
        let guess = formatGuess(bytes).map { " (\($0)?)" } ?? ""
        return JPEGError(.notJPEG, "not a JPEG file: starts with \(shown)\(guess)")
    }

    static func tooLarge(width: Int, height: Int, limit: Int) -> JPEGError {
        // ASCII "x": the message also travels in HTTP headers (CoAtt-Image), which must be ASCII.
        JPEGError(.tooLarge, "image of \(width)x\(height) pixels exceeds the limit of \(grouped(limit))")
    }

    private static func formatGuess(_ bytes: ArraySlice<UInt8>) -> String? {
        let signatures: [(prefix: [UInt8], name: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG"), ([0x47, 0x49, 0x46], "GIF"),
            ([0x52, 0x49, 0x46, 0x46], "WebP"), ([0x42, 0x4D], "BMP"),
            ([0x49, 0x49, 0x2A, 0x00], "TIFF"), ([0x4D, 0x4D, 0x00, 0x2A], "TIFF"),
            ([0x3C], "HTML or XML"),
        ]
        // Compares only the bytes present: a 2-byte file starting 0x89 0x50 is still "PNG?".
        return signatures.first { zip($0.prefix, bytes).allSatisfy { $0 == $1 } }?.name
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: false)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// 50000000 → "50,000,000", without pulling Foundation's formatters into this module.
    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var groups: [String] = []
        var end = digits.count
        while end > 0 {
            groups.insert(String(digits[max(0, end - 3)..<end]), at: 0)
            end -= 3
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
