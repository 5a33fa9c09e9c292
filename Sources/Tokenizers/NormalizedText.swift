import Foundation

/// Text on its way through normalisation, remembering for every scalar the index of the
/// input scalar it came from, so tokens can report offsets into the original text after
/// characters were deleted, decomposed or lower-cased into several.
struct NormalizedText {
    private(set) var scalars: [Unicode.Scalar]
    /// `origins[i]`: index in the original input of the scalar `scalars[i]` came from.
    private(set) var origins: [Int]

    /// The scalars of `input` at their own indices (absolute, also for a slice).
    init(_ input: ArraySlice<Unicode.Scalar>) {
        scalars = Array(input)
        origins = Array(input.indices)
    }

    /// Replaces each scalar by whatever `body` emits for it (nothing, itself, or several
    /// scalars), all of them keeping that scalar's origin.
    mutating func rewrite(_ body: (Unicode.Scalar, _ emit: (Unicode.Scalar) -> Void) -> Void) {
        var newScalars: [Unicode.Scalar] = []
        var newOrigins: [Int] = []
        newScalars.reserveCapacity(scalars.count)
        newOrigins.reserveCapacity(scalars.count)
        for (scalar, origin) in zip(scalars, origins) {
            body(scalar) { newScalars.append($0); newOrigins.append(origin) }
        }
        scalars = newScalars
        origins = newOrigins
    }

    /// Canonical decomposition (NFD) of the whole text: each scalar fully decomposed, then
    /// combining marks reordered by combining class across scalar boundaries, as NFD of the
    /// whole string requires.
    mutating func decomposeCanonically() {
        rewrite { scalar, emit in
            // Below U+00C0 nothing decomposes; skipping Foundation there keeps ASCII text fast.
            if scalar.value < 0xC0 {
                emit(scalar)
            } else {
                String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.forEach(emit)
            }
        }
        reorderCombiningMarks()
    }

    /// The canonical ordering algorithm: within each run of scalars with a non-zero combining
    /// class, a stable sort by that class.
    private mutating func reorderCombiningMarks() {
        var start = 0
        while start < scalars.count {
            guard Self.combiningClass(scalars[start]) != 0 else { start += 1; continue }
            var end = start + 1
            while end < scalars.count, Self.combiningClass(scalars[end]) != 0 { end += 1 }
            if end - start > 1 {
                let order = (start..<end).sorted { (Self.combiningClass(scalars[$0]), $0) < (Self.combiningClass(scalars[$1]), $1) }
                let (runScalars, runOrigins) = (order.map { scalars[$0] }, order.map { origins[$0] })
                scalars.replaceSubrange(start..<end, with: runScalars)
                origins.replaceSubrange(start..<end, with: runOrigins)
            }
            start = end
        }
    }

    private static func combiningClass(_ scalar: Unicode.Scalar) -> UInt8 {
        scalar.properties.canonicalCombiningClass.rawValue
    }
}

extension NormalizedText {
    /// The input scalars that `range` of the normalised scalars came from, deleted ones in
    /// between included (`a\u{200B}b` → `ab` covers all three). Taken from the smallest and
    /// largest origin, which are the first and last except where canonical reordering moved
    /// a mark.
    func originalRange(of range: Range<Int>) -> Range<Int> {
        let covered = origins[range]
        return covered.min()!..<(covered.max()! + 1)
    }
}
