import CBLAS

/// Single-precision BLAS on OpenBLAS. All matrices are row-major.
///
/// This module owns every pointer handed to OpenBLAS: public functions take Swift buffers and
/// check their sizes against the shapes first, so a wrong shape traps with a message instead of
/// letting OpenBLAS read or write past a buffer. Output buffers must not overlap the inputs.
public enum BLAS {
    /// Threads OpenBLAS uses for one call. Process-wide: set it once at startup, not per call
    /// and not while other threads are inside OpenBLAS.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            precondition(newValue >= 1, "BLAS.threads must be at least 1, got \(newValue)")
            openblas_set_num_threads(blasInt(newValue, "threads"))
        }
    }

    /// The kernel set OpenBLAS runs on this CPU ("Haswell", "SkylakeX", …): benchmark reports name it.
    public static var kernels: String { String(cString: openblas_get_corename()) }
}

/// Converts a size for OpenBLAS, whose Debian build takes 32-bit `int` sizes.
func blasInt(_ value: Int, _ name: String) -> Int32 {
    guard let converted = Int32(exactly: value), converted >= 0 else {
        preconditionFailure("BLAS: \(name) = \(value) is negative or exceeds OpenBLAS's 32-bit int")
    }
    return converted
}

/// Traps unless `count` covers a row-major `rows × columns` matrix with leading dimension `ld`,
/// checking `ld` as BLAS itself would (at least `max(1, columns)`).
func checkMatrix(_ name: String, count: Int, rows: Int, columns: Int, ld: Int) {
    precondition(ld >= max(1, columns),
                 "BLAS: leading dimension of \(name) is \(ld), needs at least max(1, \(columns))")
    let needed = rows == 0 || columns == 0 ? 0 : (rows - 1) * ld + columns
    precondition(count >= needed,
                 "BLAS: \(name) is \(rows)×\(columns) with leading dimension \(ld), needs \(needed) elements, has \(count)")
}
