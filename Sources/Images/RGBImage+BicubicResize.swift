import JPEG

extension RGBImage {
    /// Pillow's `Image.resize((width, height), Image.BICUBIC)` (with `reducing_gap=None`, as
    /// transformers calls it), byte for byte: a separable antialiased bicubic filter with 22-bit
    /// fixed-point weights, horizontal pass first, each pass rounded and clamped to 8 bits.
    ///
    /// - Parameter window: the part of the resized image to produce (all of it when nil).
    ///   Every output pixel depends only on its own weights, so a window is exactly the crop of
    ///   the full result — but costs only the window, however long the resized side would be
    ///   (a 1×20000 strip resized to a 224-pixel short side is 4.5 million pixels long).
    public func resizedBicubic(width outputWidth: Int, height outputHeight: Int, window: PixelRect? = nil) -> RGBImage {
        precondition(width > 0 && height > 0, "resizedBicubic: empty source image \(width)×\(height)")
        let window = window ?? PixelRect(x: 0, y: 0, width: outputWidth, height: outputHeight)
        let horizontal = ResampleCoefficients(inputSize: width, outputSize: outputWidth, outputs: window.columns)
        let vertical = ResampleCoefficients(inputSize: height, outputSize: outputHeight, outputs: window.rows)
        // The horizontal pass runs only on the source rows the vertical pass will read.
        let sourceRows = vertical.inputSpan
        let narrowed = horizontalPass(horizontal, rows: sourceRows)
        return narrowed.verticalPass(vertical, firstRow: sourceRows.lowerBound)
    }

    /// Resamples the rows `rows` to the columns of `coefficients.outputs`.
    private func horizontalPass(_ coefficients: ResampleCoefficients, rows: Range<Int>) -> RGBImage {
        let columns = coefficients.outputs
        var out = [UInt8](repeating: 0, count: columns.count * rows.count * 3)
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                var index = 0
                for row in rows {
                    let rowStart = row * width * 3
                    for column in columns {
                        let start = rowStart + coefficients.start(column) * 3
                        let sums = coefficients.withWeights(column) { weights in
                            Self.weightedSums(source, from: start, step: 3, weights: weights,
                                              count: coefficients.count(column))
                        }
                        (target[index], target[index + 1], target[index + 2]) = sums
                        index += 3
                    }
                }
            }
        }
        return RGBImage(width: columns.count, height: rows.count, pixels: out)
    }

    /// Resamples the columns to the rows of `coefficients.outputs`; this image holds source
    /// rows from `firstRow` on.
    private func verticalPass(_ coefficients: ResampleCoefficients, firstRow: Int) -> RGBImage {
        let rows = coefficients.outputs, stride = width * 3
        var out = [UInt8](repeating: 0, count: width * rows.count * 3)
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                var index = 0
                for row in rows {
                    let top = (coefficients.start(row) - firstRow) * stride
                    coefficients.withWeights(row) { weights in
                        for column in 0..<width {
                            (target[index], target[index + 1], target[index + 2]) =
                                Self.weightedSums(source, from: top + column * 3, step: stride, weights: weights,
                                                  count: coefficients.count(row))
                            index += 3
                        }
                    }
                }
            }
        }
        return RGBImage(width: width, height: rows.count, pixels: out)
    }

    /// The three channels' fixed-point sums over `count` pixels `step` bytes apart, rounded
    /// and clamped to bytes (the inner loop of Pillow's `ImagingResample{Horizontal,Vertical}_8bpc`).
    @inline(__always)
    private static func weightedSums(_ source: UnsafeBufferPointer<UInt8>, from start: Int, step: Int,
                                     weights: UnsafeBufferPointer<Int32>, count: Int) -> (UInt8, UInt8, UInt8) {
        var (r, g, b) = (ResampleCoefficients.half, ResampleCoefficients.half, ResampleCoefficients.half)
        var offset = start
        for tap in 0..<count {
            let weight = Int(weights[tap])
            r += Int(source[offset]) * weight
            g += Int(source[offset + 1]) * weight
            b += Int(source[offset + 2]) * weight
            offset += step
        }
        return (ResampleCoefficients.clip8(r), ResampleCoefficients.clip8(g), ResampleCoefficients.clip8(b))
    }
}
