/// SIMD16 inner loops over the embedding dimension. Rows are contiguous Float32; loads are
/// unaligned, and dimensions that are not a multiple of 16 finish with a scalar tail.
enum VectorKernels {
    typealias V = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
    }

    @inline(__always)
    static func abs(_ v: V) -> V {
        unsafeBitCast(unsafeBitCast(v, to: SIMD16<UInt32>.self) & SIMD16<UInt32>(repeating: 0x7fff_ffff), to: V.self)
    }

    /// −1, 0 or +1 per lane (torch.sign: sign(0) = 0).
    @inline(__always)
    static func sign(_ v: V) -> V {
        let zero = V.zero
        return V.zero.replacing(with: 1, where: v .> zero).replacing(with: -1, where: v .< zero)
    }

    /// out = a + b.
    @inline(__always)
    static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, _ d: Int) {
        var i = 0
        while i + 16 <= d { store(load(a, i) + load(b, i), out, i); i += 16 }
        while i < d { out[i] = a[i] + b[i]; i += 1 }
    }

    /// out = a − b.
    @inline(__always)
    static func sub(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, _ d: Int) {
        var i = 0
        while i + 16 <= d { store(load(a, i) - load(b, i), out, i); i += 16 }
        while i < d { out[i] = a[i] - b[i]; i += 1 }
    }

    /// ‖a − b‖_p. (`acc += x * x`, not `addingProduct`: without FMA in the target that is a libm
    /// call per lane, ten times slower.)
    @inline(__always)
    static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int, _ norm: DistanceNorm) -> Float {
        var acc = V.zero
        var i = 0
        var tail: Float = 0
        switch norm {
        case .l1:
            while i + 16 <= d { acc += abs(load(a, i) - load(b, i)); i += 16 }
            while i < d { tail += Swift.abs(a[i] - b[i]); i += 1 }
            return acc.sum() + tail
        case .l2:
            while i + 16 <= d { let x = load(a, i) - load(b, i); acc += x * x; i += 16 }
            while i < d { let x = a[i] - b[i]; tail += x * x; i += 1 }
            return (acc.sum() + tail).squareRoot()
        }
    }

    /// a · b.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int) -> Float {
        var acc = V.zero
        var i = 0
        var tail: Float = 0
        while i + 16 <= d { acc += load(a, i) * load(b, i); i += 16 }
        while i < d { tail += a[i] * b[i]; i += 1 }
        return acc.sum() + tail
    }

    /// Adds `coef · ∂‖a − b‖_p/∂(a − b)` to `ga` and subtracts it from `gb`, skipping either
    /// when nil. `dist` is ‖a − b‖_p (used by L2; a zero distance contributes nothing).
    @inline(__always)
    static func distanceGradient(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int,
                                 _ norm: DistanceNorm, dist: Float, coef: Float,
                                 ga: UnsafeMutablePointer<Float>?, gb: UnsafeMutablePointer<Float>?) {
        var scale = coef
        if norm == .l2 {
            guard dist > 0 else { return }
            scale = coef / dist
        }
        let c = V(repeating: scale)
        var i = 0
        while i + 16 <= d {
            let x = load(a, i) - load(b, i)
            let g = (norm == .l1 ? sign(x) : x) * c
            if let ga { store(load(ga, i) + g, ga, i) }
            if let gb { store(load(gb, i) - g, gb, i) }
            i += 16
        }
        while i < d {
            let x = a[i] - b[i]
            let g = (norm == .l1 ? (x > 0 ? 1 : x < 0 ? -1 : 0) : x) * scale
            ga?[i] += g
            gb?[i] -= g
            i += 1
        }
    }

    /// Scales the row to unit L2 norm (left unchanged when it is zero).
    @inline(__always)
    static func normalize(_ p: UnsafeMutablePointer<Float>, _ d: Int) {
        var acc = V.zero
        var tail: Float = 0
        var i = 0
        while i + 16 <= d { let x = load(p, i); acc += x * x; i += 16 }
        while i < d { tail += p[i] * p[i]; i += 1 }
        let n = (acc.sum() + tail).squareRoot()
        guard n > 0 else { return }
        let inv = 1 / n
        i = 0
        while i + 16 <= d { store(load(p, i) * inv, p, i); i += 16 }
        while i < d { p[i] *= inv; i += 1 }
    }
}
