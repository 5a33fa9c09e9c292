/// The EXIF Orientation tag (0x0112): how stored pixels must be transformed to appear upright.
///
/// Raw values are the tag's values 1–8; each case is named after the transform that
/// ``RGBImage/applyingOrientation(_:)`` performs, matching Pillow's `ImageOps.exif_transpose`.
public enum EXIFOrientation: Int, Sendable, CaseIterable {
    /// 1: stored upright.
    case identity = 1
    /// 2: mirror left↔right.
    case flipHorizontal = 2
    /// 3: turn half way.
    case rotate180 = 3
    /// 4: mirror top↔bottom.
    case flipVertical = 4
    /// 5: mirror across the top-left→bottom-right diagonal.
    case transpose = 5
    /// 6: turn a quarter clockwise (the usual phone photo taken upright).
    case rotate90Clockwise = 6
    /// 7: mirror across the top-right→bottom-left diagonal.
    case transverse = 7
    /// 8: turn a quarter counter-clockwise.
    case rotate90CounterClockwise = 8

    /// Whether applying the orientation swaps width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }
}

extension EXIFOrientation {
    /// Reads the Orientation tag from IFD0 of an APP1 payload starting with "Exif\0\0".
    /// Returns nil when the tag is absent, out of range, or the payload is malformed:
    /// camera firmware writes broken EXIF often enough that it must never be fatal.
    init?(exifPayload payload: [UInt8]) {
        guard let tiff = TIFFReader(exifPayload: payload),
              let ifd = tiff.uint32(at: 4), let entries = tiff.uint16(at: ifd) else { return nil }
        for entry in 0..<entries {
            let offset = ifd + 2 + 12 * entry
            guard let tag = tiff.uint16(at: offset) else { return nil }
            guard tag == 0x0112 else { continue }
            let shortType = 3
            guard tiff.uint16(at: offset + 2) == shortType, let value = tiff.uint16(at: offset + 8) else {
                return nil
            }
            self.init(rawValue: value)
            return
        }
        return nil
    }
}

/// Bounds-checked reads from the TIFF structure inside an Exif payload.
private struct TIFFReader {
    private let bytes: [UInt8]
    private let start = 6  // after "Exif\0\0"; TIFF offsets count from here
    private let bigEndian: Bool

    init?(exifPayload: [UInt8]) {
        guard exifPayload.count >= 14, exifPayload.starts(with: Array("Exif\0\0".utf8)) else { return nil }
        bytes = exifPayload
        switch (exifPayload[6], exifPayload[7]) {
        case (0x4D, 0x4D): bigEndian = true   // "MM"
        case (0x49, 0x49): bigEndian = false  // "II"
        default: return nil
        }
        guard uint16(at: 2) == 42 else { return nil }
    }

    func uint16(at offset: Int) -> Int? { unsigned(at: offset, width: 2) }

    func uint32(at offset: Int) -> Int? { unsigned(at: offset, width: 4) }

    private func unsigned(at offset: Int, width: Int) -> Int? {
        guard offset >= 0, offset <= bytes.count - start - width else { return nil }
        let field = bytes[(start + offset)..<(start + offset + width)]
        let ordered = bigEndian ? Array(field) : field.reversed()
        return ordered.reduce(0) { $0 << 8 | Int($1) }
    }
}
