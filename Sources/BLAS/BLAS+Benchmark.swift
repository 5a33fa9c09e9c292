extension BLAS {
    /// Multiplies two `size × size` matrices `repeats` times and returns GFLOP/s
    /// (2·size³ flops per product), after one untimed product that starts OpenBLAS's threads.
    public static func measureSGEMM(size: Int, repeats: Int) -> Double {
        precondition(size > 0 && repeats > 0, "measureSGEMM needs a positive size and repeat count")
        let a = (0..<size * size).map { Float($0 % 17) / 17 - 0.5 }
        let b = (0..<size * size).map { Float($0 % 13) / 13 - 0.5 }
        var c = [Float](repeating: 0, count: size * size)
        sgemm(m: size, n: size, k: size, a: a, b: b, c: &c)
        let elapsed = ContinuousClock().measure {
            for _ in 0..<repeats { sgemm(m: size, n: size, k: size, a: a, b: b, c: &c) }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return 2 * Double(size) * Double(size) * Double(size) * Double(repeats) / seconds / 1e9
    }
}
