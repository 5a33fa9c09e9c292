/// A dense float32 array: row-major, contiguous, with value semantics (copy on write).
///
/// Every op in this module takes and returns `Tensor`s; hot loops run on the storage's buffer
/// pointers, never per element through this type's subscript (which is for tests and small code).
public struct Tensor: Sendable, Equatable {
    /// The extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `values.count == shape.reduce(1, *)`.
    public private(set) var values: [Float]

    /// A tensor holding `values` (row-major) with the given shape.
    public init(shape: [Int], values: [Float]) {
        let count = Tensor.elementCount(shape)
        precondition(values.count == count,
                     "Tensor: shape \(shape) needs \(count) values, got \(values.count)")
        self.shape = shape
        self.values = values
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, values: [Float](repeating: value, count: Tensor.elementCount(shape)))
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        self.init(shape: shape, repeating: 0)
    }

    /// A tensor whose storage `initialize` writes completely; skips zero-filling on hot paths.
    init(shape: [Int], initializingWith initialize: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = Tensor.elementCount(shape)
        self.shape = shape
        self.values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(buffer)
            initialized = count
        }
    }

    /// The number of elements.
    public var count: Int { values.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The last dimension (1 for a scalar): the width of each row that row-wise ops work on.
    public var columns: Int { shape.last ?? 1 }

    /// The number of rows of width ``columns``.
    public var rows: Int { columns == 0 ? 0 : count / columns }

    /// The same elements with another shape of the same element count. One dimension may be -1,
    /// inferred from the others. Reshaping is its own backward: reshape the gradient back.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "Tensor.reshaped: cannot infer -1 in \(newShape) for \(shape)")
            resolved[inferred] = count / known
        }
        precondition(Tensor.elementCount(resolved) == count,
                     "Tensor.reshaped: \(shape) has \(count) elements, \(newShape) would have \(Tensor.elementCount(resolved))")
        var copy = self
        copy.shape = resolved
        return copy
    }

    /// The element at a full multi-index (checked; for tests and small code, not hot loops).
    public subscript(_ indices: Int...) -> Float {
        get { values[offset(indices)] }
        set { values[offset(indices)] = newValue }
    }

    /// Calls `body` with the elements in row-major order.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the mutable elements; the count cannot change.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    private func offset(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "Tensor: \(indices.count) indices for shape \(shape)")
        var offset = 0
        for (index, extent) in zip(indices, shape) {
            precondition(index >= 0 && index < extent, "Tensor: index \(indices) out of range for shape \(shape)")
            offset = offset * extent + index
        }
        return offset
    }

    static func elementCount(_ shape: [Int]) -> Int {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        return shape.reduce(1, *)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = values.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(\(shape): [\(preview)\(count > 8 ? ", …" : "")])"
    }
}

extension Tensor {
    /// The largest absolute difference between two tensors of the same shape; NaN if either
    /// holds a NaN where the other does not match it, so a broken result never looks close.
    public func maxAbsoluteDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "Tensor.maxAbsoluteDifference: \(shape) vs \(other.shape)")
        return withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                var result: Float = 0
                for i in 0..<a.count {
                    let difference = abs(a[i] - b[i])
                    if difference.isNaN { return .nan }
                    result = max(result, difference)
                }
                return result
            }
        }
    }
}

extension UnsafeBufferPointer where Element == Float {
    /// Row `index` of a row-major buffer of rows `width` wide. Loops over a row slice index
    /// from 0, free of the overflow checks on `base + j` that keep the compiler from vectorising.
    @inline(__always)
    func row(_ index: Int, width: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(rebasing: self[(index * width)..<(index * width + width)])
    }
}

extension UnsafeMutableBufferPointer where Element == Float {
    /// Row `index` of a row-major buffer of rows `width` wide (see the read-only `row`).
    @inline(__always)
    func row(_ index: Int, width: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: self[(index * width)..<(index * width + width)])
    }
}
