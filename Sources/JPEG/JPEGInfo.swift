/// How a JPEG stores its color.
public enum JPEGColorSpace: Sendable, Equatable {
    case grayscale, yCbCr, rgb
    /// Print-style inks; Adobe-marked files hold them inverted (Photoshop's convention).
    case cmyk
    /// CMYK with the CMY part stored as YCbCr.
    case ycck
    /// Anything else, e.g. two-component files; decoding them fails as unsupported.
    case unknown
}

/// What a JPEG header says, read without decoding pixels.
public struct JPEGInfo: Sendable, Equatable {
    /// Width in pixels as stored, before any EXIF orientation.
    public let width: Int
    /// Height in pixels as stored, before any EXIF orientation.
    public let height: Int
    /// Color components in the stream: 1 (gray), 3 (YCbCr, RGB) or 4 (CMYK, YCCK).
    public let components: Int
    /// How color is stored; decoding always yields RGB.
    public let colorSpace: JPEGColorSpace
    /// Whether the file is progressive (scans that refine the whole image).
    public let isProgressive: Bool
    /// The EXIF orientation, or `.identity` when the file has no (readable) tag.
    public let orientation: EXIFOrientation
    /// The first warning libjpeg raised that does not affect the pixels,
    /// e.g. "Corrupt JPEG data: 3 extraneous bytes before marker 0xdb".
    public let warning: String?
}

/// A DCT-domain downscale applied while decoding, far cheaper than decoding and resizing.
///
/// libjpeg-turbo supports `n/8` for `n` in 1…16 (so at most 2); other ratios round up to the
/// next of those, and anything below 1/8 becomes 1/8.
/// Output sizes round up, e.g. 1/8 of a 100-pixel-wide image is 13 pixels wide.
public struct JPEGScale: Sendable, Hashable {
    public let numerator: Int
    public let denominator: Int

    /// `numerator / denominator`; both must be positive.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(numerator > 0 && denominator > 0 && numerator <= 2 * denominator,
                     "JPEG scale \(numerator)/\(denominator) must be positive and at most 2")
        precondition(numerator <= Int(UInt32.max) && denominator <= Int(UInt32.max),
                     "JPEG scale \(numerator)/\(denominator) does not fit libjpeg's 32-bit fields")
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let full = JPEGScale(1, 1)
    public static let half = JPEGScale(1, 2)
    public static let quarter = JPEGScale(1, 4)
    public static let eighth = JPEGScale(1, 8)
}
