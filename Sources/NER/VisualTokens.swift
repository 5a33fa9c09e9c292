import Images
import Tensors

/// The visual tokens E_T of posts' images (MODEL.md §2): a frozen CLIP vision encoder's last hidden
/// states with its post-LayerNorm applied to every token (CLIP normalises only the class token; the
/// fusion wants all tokens on one scale), computed once per image and kept by IMGID.
public enum VisualTokens {
    /// `[tokens, width]` per IMGID of the posts whose image is readable; `batchSize` images per pass.
    public static func compute(_ images: [(imageID: String, image: PostImage)], encoder: VisionEncoder,
                               batchSize: Int = 16) -> [String: Tensor] {
        let readable: [(String, PixelValues)] = images.compactMap { entry in
            if case .image(let pixels) = entry.image { return (entry.imageID, pixels) }
            return nil
        }
        var tokens: [String: Tensor] = [:]
        for start in stride(from: 0, to: readable.count, by: batchSize) {
            let chunk = readable[start..<min(readable.count, start + batchSize)]
            let values: [Float] = chunk.flatMap { $0.1.values }
            let pixels = Tensor(shape: [chunk.count] + chunk.first!.1.shape, values: values)
            let hidden = encoder.forward(pixels).output.lastHiddenState
            let normalized: Tensor = encoder.postNorm.forward(hidden).0
            let count = normalized.shape[1], width = normalized.shape[2]
            for (index, entry) in chunk.enumerated() {
                let size = count * width
                tokens[entry.0] = Tensor(shape: [count, width], values: Array(normalized.values[(index * size)..<((index + 1) * size)]))
            }
        }
        return tokens
    }
}
