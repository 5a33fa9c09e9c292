#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import JPEG

/// CLIP's image preprocessing, matching transformers' `CLIPImageProcessorPil` (the Pillow path)
/// with the OpenAI settings: decode and turn upright by EXIF orientation, resize the shortest
/// side to 224 with Pillow's bicubic filter, centre-crop 224×224, scale to [0, 1] and normalise
/// per channel. Grayscale and CMYK JPEGs arrive as RGB from the decoder, as after Pillow's
/// `convert("RGB")`.
public struct CLIPPreprocessor: Sendable {
    /// The side of the square output (`crop_size`, equal to `size.shortest_edge` for CLIP).
    public var imageSize: Int
    public var normalization: ChannelNormalization
    /// The largest stored `width × height` decoded; larger files are refused from their header,
    /// before any pixel memory exists (see ``JPEGDecoder/decode(_:scale:maxPixels:applyingOrientation:)``).
    public var maxPixels: Int

    public init(imageSize: Int = 224, normalization: ChannelNormalization = .clip, maxPixels: Int = 50_000_000) {
        precondition(imageSize > 0 && maxPixels > 0, "CLIPPreprocessor: image size and pixel limit must be positive")
        self.imageSize = imageSize
        self.normalization = normalization
        self.maxPixels = maxPixels
    }

    /// Decodes JPEG bytes and preprocesses them; throws the decoder's error for unreadable,
    /// unsupported or oversized files.
    public func callAsFunction(jpeg data: [UInt8]) throws(JPEGError) -> PixelValues {
        self(try JPEGDecoder.decode(data, maxPixels: maxPixels, applyingOrientation: true))
    }

    /// Reads and preprocesses a JPEG file.
    public func callAsFunction(contentsOf url: URL) throws -> PixelValues {
        try self(jpeg: [UInt8](Data(contentsOf: url)))
    }

    /// Preprocesses an upright RGB image: `[3, imageSize, imageSize]`.
    public func callAsFunction(_ image: RGBImage) -> PixelValues {
        normalization.normalize(resizedAndCropped(image))
    }

    /// The 8-bit image after resizing and centre-cropping, before normalisation.
    public func resizedAndCropped(_ image: RGBImage) -> RGBImage {
        let plan = ResizePlan(width: image.width, height: image.height, shortestSide: imageSize, cropSize: imageSize)
        return image.resizedBicubic(width: plan.resizedWidth, height: plan.resizedHeight, window: plan.crop)
    }
}
