/// What the header says about one tensor.
public struct TensorInfo: Equatable, Sendable {
    /// The tensor's name, e.g. `encoder.layer.0.attention.self.query.weight`.
    public let name: String
    /// Element type.
    public let dtype: DType
    /// Dimensions, outermost first (row-major). Empty for a scalar.
    public let shape: [Int]
    /// Byte range within the data section, which starts right after the header.
    public let dataOffsets: Range<Int>

    /// Product of `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
