/// Where CLIP preprocessing resizes and crops an image, by transformers' rules.
public struct ResizePlan: Sendable, Equatable {
    /// The size after resizing the shortest side.
    public let resizedWidth: Int, resizedHeight: Int
    /// The centre crop, in the resized image.
    public let crop: PixelRect

    /// - Parameters:
    ///   - shortestSide: the short side's length after resizing; the long side becomes
    ///     `int(shortestSide · long / short)`, truncated (transformers' `get_resize_output_image_size`
    ///     with `default_to_square=False`).
    ///   - cropSize: the side of the square centre crop, at most `shortestSide`. Its offsets are
    ///     `(resized − crop) // 2`, floored as transformers' `center_crop` does; OpenAI's
    ///     torchvision `CenterCrop` rounds instead and lands one pixel further on odd margins.
    public init(width: Int, height: Int, shortestSide: Int, cropSize: Int) {
        precondition(width > 0 && height > 0, "ResizePlan: empty image \(width)×\(height)")
        precondition(cropSize > 0 && cropSize <= shortestSide, "ResizePlan: crop \(cropSize) for short side \(shortestSide)")
        let (short, long) = (min(width, height), max(width, height))
        // Python evaluates `size * long / short` as an integer product, then a float division.
        let resizedLong = Int(Double(shortestSide * long) / Double(short))
        (resizedWidth, resizedHeight) = width <= height ? (shortestSide, resizedLong) : (resizedLong, shortestSide)
        crop = PixelRect(x: (resizedWidth - cropSize) / 2, y: (resizedHeight - cropSize) / 2,
                         width: cropSize, height: cropSize)
    }
}
