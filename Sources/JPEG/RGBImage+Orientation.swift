extension RGBImage {
    /// Returns the image as it should be displayed given its EXIF orientation
    /// (same result as Pillow's `ImageOps.exif_transpose`). Orientations 5–8 swap width and height.
    public func applyingOrientation(_ orientation: EXIFOrientation) -> RGBImage {
        guard orientation != .identity else { return self }
        let walk = SourceWalk(orientation, width: width, height: height)
        let (outWidth, outHeight) = orientation.swapsDimensions ? (height, width) : (width, height)
        var out = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                var target = 0
                for y in 0..<outHeight {
                    var from = walk.origin + y * walk.down
                    for _ in 0..<outWidth {
                        destination[target] = source[3 * from]
                        destination[target + 1] = source[3 * from + 1]
                        destination[target + 2] = source[3 * from + 2]
                        target += 3
                        from += walk.across
                    }
                }
            }
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: out)
    }
}

/// Pixel offsets into the source: output pixel (x, y) reads `origin + x * across + y * down`,
/// so every orientation is one loop instead of eight.
private struct SourceWalk {
    let origin: Int
    let across: Int
    let down: Int

    init(_ orientation: EXIFOrientation, width: Int, height: Int) {
        let (right, left, up, downward) = (1, -1, -width, width)
        let (topLeft, topRight) = (0, width - 1)
        let (bottomLeft, bottomRight) = ((height - 1) * width, (height - 1) * width + width - 1)
        switch orientation {
        case .identity: (origin, across, down) = (topLeft, right, downward)
        case .flipHorizontal: (origin, across, down) = (topRight, left, downward)
        case .rotate180: (origin, across, down) = (bottomRight, left, up)
        case .flipVertical: (origin, across, down) = (bottomLeft, right, up)
        case .transpose: (origin, across, down) = (topLeft, downward, right)
        case .rotate90Clockwise: (origin, across, down) = (bottomLeft, up, right)
        case .transverse: (origin, across, down) = (bottomRight, up, left)
        case .rotate90CounterClockwise: (origin, across, down) = (topRight, downward, left)
        }
    }
}
