/// Cuts images into non-overlapping square patches, each flattened in (channel, row, column)
/// order: `[B, C, H, W]` → `[B, (H/P)·(W/P), C·P·P]`, patches numbered row-major over the grid.
/// That order matches a convolution weight `[out, C, P, P]` flattened to `[out, C·P·P]`, so a
/// stride-P convolution becomes one matrix product (CLIP's patch embedding).
public enum Patchify {
    /// The patches of `images` `[B, C, H, W]`; H and W must be multiples of `patchSize`.
    public static func forward(_ images: Tensor, patchSize: Int) -> Tensor {
        let layout = Layout(images.shape, patchSize: patchSize)
        return Tensor(shape: layout.patchesShape) { patches in
            images.withUnsafeBufferPointer { images in
                layout.forEachRun { image, patch in
                    copyRun(from: images, image, to: patches, patch, count: patchSize)
                }
            }
        }
    }

    /// The images' gradient from the patches' gradient: each element goes back to where it came
    /// from (patches do not overlap, so nothing sums).
    public static func backward(_ dPatches: Tensor, imageShape: [Int], patchSize: Int) -> Tensor {
        let layout = Layout(imageShape, patchSize: patchSize)
        precondition(dPatches.shape == layout.patchesShape,
                     "Patchify.backward: gradient \(dPatches.shape), expected \(layout.patchesShape)")
        return Tensor(shape: imageShape) { images in
            dPatches.withUnsafeBufferPointer { patches in
                layout.forEachRun { image, patch in
                    copyRun(from: patches, patch, to: images, image, count: patchSize)
                }
            }
        }
    }

    private static func copyRun(from source: UnsafeBufferPointer<Float>, _ sourceStart: Int,
                                to target: UnsafeMutableBufferPointer<Float>, _ targetStart: Int, count: Int) {
        _ = UnsafeMutableBufferPointer(rebasing: target[targetStart..<(targetStart + count)])
            .initialize(fromContentsOf: UnsafeBufferPointer(rebasing: source[sourceStart..<(sourceStart + count)]))
    }

    /// The index arithmetic both directions share.
    private struct Layout {
        let batch: Int, channels: Int, height: Int, width: Int, patchSize: Int

        init(_ shape: [Int], patchSize: Int) {
            precondition(shape.count == 4, "Patchify: images must be [B, C, H, W], got \(shape)")
            precondition(patchSize > 0 && shape[2] % patchSize == 0 && shape[3] % patchSize == 0,
                         "Patchify: \(shape[2])×\(shape[3]) is not a whole number of \(patchSize)-pixel patches")
            (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
            self.patchSize = patchSize
        }

        var patchCount: Int { (height / patchSize) * (width / patchSize) }
        var patchesShape: [Int] { [batch, patchCount, channels * patchSize * patchSize] }

        /// Calls `body` with the start of every run of `patchSize` consecutive elements: a patch
        /// row of one channel, which is contiguous in both layouts.
        func forEachRun(_ body: (_ image: Int, _ patch: Int) -> Void) {
            let columns = width / patchSize
            var patchOffset = 0
            for b in 0..<batch {
                for patch in 0..<patchCount {
                    let (top, left) = (patch / columns * patchSize, patch % columns * patchSize)
                    for channel in 0..<channels {
                        for row in 0..<patchSize {
                            body(((b * channels + channel) * height + top + row) * width + left, patchOffset)
                            patchOffset += patchSize
                        }
                    }
                }
            }
        }
    }
}
