import Foundation

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

    /// Negative, zero or positive as this string's UTF-8 bytes come before, equal or after
    /// `other`'s — code point order, byte-exact (String's `<` and `==` equate canonically
    /// equivalent text). One `memcmp` over the strings' own storage, without the retain and
    /// release a copy made for `withUTF8` costs, and without walking long shared prefixes (IRIs)
    /// byte by byte through `UTF8View`.
    func utf8Order(_ other: String) -> Int {
        let order = utf8.withContiguousStorageIfAvailable { x in
            other.utf8.withContiguousStorageIfAvailable { y -> Int in
                let common = min(x.count, y.count)
                let bytes = common == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, common))
                return bytes != 0 ? bytes : x.count - y.count
            }
        }
        if let order = order ?? nil { return order }
        if utf8.lexicographicallyPrecedes(other.utf8) { return -1 }
        return other.utf8.lexicographicallyPrecedes(utf8) ? 1 : 0
    }
}
