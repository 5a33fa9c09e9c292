import JPEG

/// `(x/255 − mean[c]) / std[c]` per RGB channel, with transformers' precisions.
public struct ChannelNormalization: Sendable, Equatable {
    /// Per channel R, G, B, as the processor config states them.
    public let mean: [Double], standardDeviation: [Double]

    public init(mean: [Double], standardDeviation: [Double]) {
        precondition(mean.count == 3 && standardDeviation.count == 3 && standardDeviation.allSatisfy { $0 > 0 },
                     "ChannelNormalization: needs three means and three positive deviations")
        (self.mean, self.standardDeviation) = (mean, standardDeviation)
    }

    /// OpenAI CLIP's statistics (`image_mean`, `image_std` of every CLIP checkpoint).
    public static let clip = ChannelNormalization(mean: [0.48145466, 0.4578275, 0.40821073],
                                                  standardDeviation: [0.26862954, 0.26130258, 0.27577711])

    /// The image as channels-first floats. transformers rescales in double (`uint8 * (1/255)`)
    /// and casts to float, then normalises in float with float32 copies of mean and std;
    /// doing the same keeps the result bit-identical.
    public func normalize(_ image: RGBImage) -> PixelValues {
        let plane = image.width * image.height
        let scale = 1.0 / 255.0
        let means = mean.map(Float.init), deviations = standardDeviation.map(Float.init)
        let values = [Float](unsafeUninitializedCapacity: 3 * plane) { out, initialized in
            image.pixels.withUnsafeBufferPointer { pixels in
                for channel in 0..<3 {
                    let (m, s) = (means[channel], deviations[channel])
                    for pixel in 0..<plane {
                        let x = Float(Double(pixels[3 * pixel + channel]) * scale)
                        out[channel * plane + pixel] = (x - m) / s
                    }
                }
            }
            initialized = 3 * plane
        }
        return PixelValues(channels: 3, height: image.height, width: image.width, values: values)
    }
}
