#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JPEGDecoder {
    /// Reads the header of JPEG bytes held in `Data`, e.g. from `Data(contentsOf:)`.
    public static func readInfo(_ data: Data) throws(JPEGError) -> JPEGInfo {
        try readInfo([UInt8](data))
    }

    /// Decodes JPEG bytes held in `Data`; see the `[UInt8]` overload for the parameters.
    public static func decode(_ data: Data, scale: JPEGScale = .full, maxPixels: Int = 50_000_000,
                              applyingOrientation: Bool = false) throws(JPEGError) -> RGBImage {
        try decode([UInt8](data), scale: scale, maxPixels: maxPixels, applyingOrientation: applyingOrientation)
    }
}
