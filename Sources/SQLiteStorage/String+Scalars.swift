extension String {
    /// The text of `scalars`, encoded straight into the string's UTF-8 storage: building it
    /// through `String.UnicodeScalarView` costs several times as much, which made tokenising a
    /// query a good part of a small query's time.
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    buffer[count] = UInt8(truncatingIfNeeded: scalar.value)
                    count += 1
                } else {
                    for unit in UTF8.encode(scalar)! {
                        buffer[count] = unit
                        count += 1
                    }
                }
            }
            return count
        }
    }
}
