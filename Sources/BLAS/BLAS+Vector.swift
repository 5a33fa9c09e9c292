import CBLAS

extension BLAS {
    /// `y += alpha · x`; x and y have the same length.
    public static func saxpy(alpha: Float, x: UnsafeBufferPointer<Float>, y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == y.count, "BLAS.saxpy: x has \(x.count) elements, y has \(y.count)")
        cblas_saxpy(blasInt(x.count, "n"), alpha, x.baseAddress, 1, y.baseAddress, 1)
    }

    /// `y += alpha · x` on arrays of the same length.
    public static func saxpy(alpha: Float, x: [Float], y: inout [Float]) {
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { saxpy(alpha: alpha, x: x, y: $0) } }
    }

    /// The dot product of two vectors of the same length.
    public static func sdot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        precondition(x.count == y.count, "BLAS.sdot: x has \(x.count) elements, y has \(y.count)")
        return cblas_sdot(blasInt(x.count, "n"), x.baseAddress, 1, y.baseAddress, 1)
    }

    /// The dot product of two arrays of the same length.
    public static func sdot(_ x: [Float], _ y: [Float]) -> Float {
        x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { sdot(x, $0) } }
    }

    /// The Euclidean norm, computed without overflow for large elements.
    public static func snrm2(_ x: UnsafeBufferPointer<Float>) -> Float {
        cblas_snrm2(blasInt(x.count, "n"), x.baseAddress, 1)
    }

    /// The Euclidean norm of an array.
    public static func snrm2(_ x: [Float]) -> Float {
        x.withUnsafeBufferPointer { snrm2($0) }
    }
}
