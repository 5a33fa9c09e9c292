import CBLAS

extension BLAS {
    /// `C = alpha · op(A) · op(B) + beta · C` where op(A) is m×k, op(B) is k×n and C is m×n.
    ///
    /// Stored shapes: A is m×k (k×m when `transposeA`), B is k×n (n×k when `transposeB`).
    /// With `beta == 0` the old contents of `c` are ignored, so it may be uninitialized.
    public static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                             alpha: Float, a: UnsafeBufferPointer<Float>, lda: Int,
                             b: UnsafeBufferPointer<Float>, ldb: Int, beta: Float,
                             c: UnsafeMutableBufferPointer<Float>, ldc: Int) {
        checkMatrix("A", count: a.count, rows: transposeA ? k : m, columns: transposeA ? m : k, ld: lda)
        checkMatrix("B", count: b.count, rows: transposeB ? n : k, columns: transposeB ? k : n, ld: ldb)
        checkMatrix("C", count: c.count, rows: m, columns: n, ld: ldc)
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    blasInt(m, "m"), blasInt(n, "n"), blasInt(k, "k"),
                    alpha, a.baseAddress, blasInt(lda, "lda"), b.baseAddress, blasInt(ldb, "ldb"),
                    beta, c.baseAddress, blasInt(ldc, "ldc"))
    }

    /// ``sgemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` on packed arrays:
    /// `a`, `b` and `c` must hold exactly m·k, k·n and m·n elements.
    public static func sgemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                             alpha: Float = 1, a: [Float], b: [Float], beta: Float = 0, c: inout [Float]) {
        precondition(a.count == m * k, "BLAS.sgemm: A has \(a.count) elements, expected m·k = \(m * k)")
        precondition(b.count == k * n, "BLAS.sgemm: B has \(b.count) elements, expected k·n = \(k * n)")
        precondition(c.count == m * n, "BLAS.sgemm: C has \(c.count) elements, expected m·n = \(m * n)")
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          alpha: alpha, a: a, lda: max(1, transposeA ? m : k),
                          b: b, ldb: max(1, transposeB ? k : n), beta: beta, c: c, ldc: max(1, n))
                }
            }
        }
    }

    /// `y = alpha · op(A) · x + beta · y` for an m×n matrix A; x and y are contiguous.
    ///
    /// Without `transpose`, x has n elements and y has m; with it, x has m and y has n.
    public static func sgemv(transpose: Bool, m: Int, n: Int, alpha: Float,
                             a: UnsafeBufferPointer<Float>, lda: Int, x: UnsafeBufferPointer<Float>,
                             beta: Float, y: UnsafeMutableBufferPointer<Float>) {
        checkMatrix("A", count: a.count, rows: m, columns: n, ld: lda)
        let (xCount, yCount) = transpose ? (m, n) : (n, m)
        precondition(x.count >= xCount, "BLAS.sgemv: x has \(x.count) elements, needs \(xCount)")
        precondition(y.count >= yCount, "BLAS.sgemv: y has \(y.count) elements, needs \(yCount)")
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasInt(m, "m"), blasInt(n, "n"),
                    alpha, a.baseAddress, blasInt(lda, "lda"), x.baseAddress, 1, beta, y.baseAddress, 1)
    }
}
