/// Swaps the last two dimensions: `[…, r, c]` → `[…, c, r]`.
public enum Transpose {
    /// The transposed copy.
    public static func forward(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2, "Transpose: needs rank ≥ 2, got \(x.shape)")
        let (r, c) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        return Tensor(shape: Array(x.shape.dropLast(2)) + [c, r]) { out in
            x.withUnsafeBufferPointer { x in
                let matrix = r * c
                for base in stride(from: 0, to: x.count, by: max(1, matrix)) {
                    for i in 0..<r {
                        for j in 0..<c { out[base + j * r + i] = x[base + i * c + j] }
                    }
                }
            }
        }
    }

    /// The gradient of a transpose is the transposed gradient.
    public static func backward(_ dy: Tensor) -> Tensor {
        forward(dy)
    }
}

/// A view of a tensor as `[outer, extent of axis, inner]`, the layout slices and concatenations
/// copy blocks in.
private struct AxisLayout {
    let outer: Int, extent: Int, inner: Int

    init(_ shape: [Int], axis: Int) {
        precondition(axis >= 0 && axis < shape.count, "axis \(axis) out of range for shape \(shape)")
        outer = shape[..<axis].reduce(1, *)
        extent = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }
}

/// Copies `outer` blocks of `width` elements from `source` (block stride `sourceStride`, starting
/// at `sourceOffset`) to `destination` (stride `destinationStride`, from `destinationOffset`).
private func copyBlocks(outer: Int, width: Int,
                        from source: UnsafeBufferPointer<Float>, sourceOffset: Int, sourceStride: Int,
                        to destination: UnsafeMutableBufferPointer<Float>, destinationOffset: Int, destinationStride: Int) {
    for o in 0..<outer {
        let start = sourceOffset + o * sourceStride, target = destinationOffset + o * destinationStride
        _ = UnsafeMutableBufferPointer(rebasing: destination[target..<(target + width)])
            .update(fromContentsOf: UnsafeBufferPointer(rebasing: source[start..<(start + width)]))
    }
}

/// The elements `range` of one axis.
public enum Slice {
    /// A copy of `x` restricted to `range` along `axis`.
    public static func forward(_ x: Tensor, axis: Int, range: Range<Int>) -> Tensor {
        let layout = AxisLayout(x.shape, axis: axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= layout.extent,
                     "Slice: range \(range) out of bounds for axis \(axis) of \(x.shape)")
        var shape = x.shape
        shape[axis] = range.count
        return Tensor(shape: shape) { out in
            x.withUnsafeBufferPointer { x in
                copyBlocks(outer: layout.outer, width: range.count * layout.inner,
                           from: x, sourceOffset: range.lowerBound * layout.inner, sourceStride: layout.extent * layout.inner,
                           to: out, destinationOffset: 0, destinationStride: range.count * layout.inner)
            }
        }
    }

    /// Scatters `dy` back into zeros of the input's shape.
    public static func backward(_ dy: Tensor, inputShape: [Int], axis: Int, range: Range<Int>) -> Tensor {
        let layout = AxisLayout(inputShape, axis: axis)
        var dx = Tensor(zeros: inputShape)
        dy.withUnsafeBufferPointer { dy in
            dx.withUnsafeMutableBufferPointer { dx in
                copyBlocks(outer: layout.outer, width: range.count * layout.inner,
                           from: dy, sourceOffset: 0, sourceStride: range.count * layout.inner,
                           to: dx, destinationOffset: range.lowerBound * layout.inner,
                           destinationStride: layout.extent * layout.inner)
            }
        }
        return dx
    }
}

/// Joins tensors along one axis; all other dimensions must agree.
public enum Concat {
    /// The parts joined in order along `axis`.
    public static func forward(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "Concat: nothing to join")
        var shape = parts[0].shape
        shape[axis] = 0
        for part in parts {
            var other = part.shape
            precondition(other.count == shape.count, "Concat: ranks differ: \(parts.map(\.shape))")
            shape[axis] += other[axis]
            other[axis] = 0
            precondition(other == shape.enumerated().map { $0.offset == axis ? 0 : $0.element },
                         "Concat: shapes \(parts.map(\.shape)) differ off axis \(axis)")
        }
        let layout = AxisLayout(shape, axis: axis)
        return Tensor(shape: shape) { out in
            var start = 0
            for part in parts {
                let width = part.shape[axis] * layout.inner
                part.withUnsafeBufferPointer { part in
                    copyBlocks(outer: layout.outer, width: width, from: part, sourceOffset: 0, sourceStride: width,
                               to: out, destinationOffset: start, destinationStride: layout.extent * layout.inner)
                }
                start += width
            }
        }
    }

    /// Splits `dy` back into the parts' gradients; `sizes` are the parts' extents along `axis`.
    public static func backward(_ dy: Tensor, sizes: [Int], axis: Int) -> [Tensor] {
        precondition(sizes.reduce(0, +) == dy.shape[axis], "Concat.backward: sizes \(sizes) do not add up to \(dy.shape)")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return Slice.forward(dy, axis: axis, range: start..<(start + size))
        }
    }
}
