extension Duration {
    /// The duration in seconds, for APIs that take a `Double` (timers, `Date`, messages).
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
