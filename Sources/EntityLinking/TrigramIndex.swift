/// Fuzzy lookup of strings by shared character trigrams, for near-miss mention surfaces.
///
/// Each string is padded with one space on each side (`" paris "`), so its first and last letters
/// count in the trigrams of short words. Posting lists map a trigram to the ids of the strings that
/// contain it; a lookup counts shared trigrams over the posting lists of the query's trigrams (about
/// 0.1–1 ms over 120k labels) and keeps strings whose Dice coefficient 2·shared / (|q| + |s|)
/// reaches a floor.
struct TrigramIndex: Sendable {
    /// Trigram → ids of the strings containing it, ascending.
    private var postings: [UInt64: [Int32]] = [:]
    /// The number of distinct trigrams of each string.
    private var trigramCounts: [Int32] = []
    /// The most distinct trigrams of any string.
    private var largestTrigramCount = 0

    init(_ strings: [String]) {
        for (id, string) in strings.enumerated() {
            let trigrams = Self.trigrams(of: string)
            trigramCounts.append(Int32(trigrams.count))
            largestTrigramCount = max(largestTrigramCount, trigrams.count)
            for trigram in trigrams { postings[trigram, default: []].append(Int32(id)) }
        }
    }

    /// The ids of strings sharing trigrams with `query` whose Dice coefficient is at least
    /// `minimumDice`, best first (ties by id), at most `limit`.
    func lookup(_ query: String, minimumDice: Float, limit: Int) -> [(id: Int, dice: Float)] {
        let trigrams = Self.trigrams(of: query)
        // Dice ≥ d needs |q| ≤ (2/d − 1)·|s|: a longer query (a runaway span of a long post) can
        // match nothing, and is not run through the posting lists.
        let longestMatchable = Float(largestTrigramCount) * (2 / max(minimumDice, 1e-3) - 1)
        guard !trigrams.isEmpty, limit > 0, Float(trigrams.count) <= longestMatchable else { return [] }
        var shared = [UInt16](repeating: 0, count: trigramCounts.count)
        var touched: [Int32] = []
        for trigram in trigrams {
            for id in postings[trigram] ?? [] {
                if shared[Int(id)] == 0 { touched.append(id) }
                shared[Int(id)] &+= 1
            }
        }
        let queryCount = Float(trigrams.count)
        var hits: [(id: Int, dice: Float)] = []
        for id in touched {
            let dice = 2 * Float(shared[Int(id)]) / (queryCount + Float(trigramCounts[Int(id)]))
            if dice >= minimumDice { hits.append((Int(id), dice)) }
        }
        hits.sort { $0.dice != $1.dice ? $0.dice > $1.dice : $0.id < $1.id }
        return Array(hits.prefix(limit))
    }

    /// The distinct padded trigrams of a string, each packed as three 21-bit scalar values.
    static func trigrams(of string: String) -> Set<UInt64> {
        let scalars = [UInt32(0x20)] + string.unicodeScalars.map(\.value) + [0x20]
        guard scalars.count >= 3 else { return [] }
        var result = Set<UInt64>()
        for start in 0...(scalars.count - 3) {
            result.insert(UInt64(scalars[start]) << 42 | UInt64(scalars[start + 1]) << 21 | UInt64(scalars[start + 2]))
        }
        return result
    }
}
