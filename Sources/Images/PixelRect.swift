/// A rectangle of whole pixels: columns `x..<x+width`, rows `y..<y+height`.
public struct PixelRect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "PixelRect: negative size \(width)×\(height)")
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    /// The columns covered.
    public var columns: Range<Int> { x..<(x + width) }
    /// The rows covered.
    public var rows: Range<Int> { y..<(y + height) }
}
