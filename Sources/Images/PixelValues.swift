/// A normalised image ready for a vision encoder: float channels-first `[channels, height, width]`
/// (one sample of the NCHW `pixel_values` transformers produces).
public struct PixelValues: Sendable, Equatable {
    public let channels: Int, height: Int, width: Int
    /// `channels · height · width` values, channel planes in R, G, B order, each plane row-major.
    public let values: [Float]

    public init(channels: Int, height: Int, width: Int, values: [Float]) {
        precondition(values.count == channels * height * width,
                     "PixelValues: \(channels)×\(height)×\(width) needs \(channels * height * width) values, got \(values.count)")
        (self.channels, self.height, self.width, self.values) = (channels, height, width, values)
    }

    /// `[channels, height, width]`.
    public var shape: [Int] { [channels, height, width] }
}
