/// A batch of token sequences padded on the right to one length, as a tokenizer hands them over.
public struct TokenBatch: Sendable, Equatable {
    public let size: Int
    public let length: Int
    /// `[size·length]`, row-major.
    public let inputIds: [Int]
    /// `[size·length]`, 0 or 1 (segment A or B).
    public let tokenTypeIds: [Int]
    /// `[size·length]`: 1 for a real token, 0 for padding.
    public let attentionMask: [Int]

    /// Rows of equal length; masks default to all 1 and token types to all 0.
    public init(inputIds: [[Int]], attentionMask: [[Int]]? = nil, tokenTypeIds: [[Int]]? = nil) {
        let length = inputIds.first?.count ?? 0
        for rows in [inputIds, attentionMask, tokenTypeIds].compactMap({ $0 }) {
            precondition(rows.count == inputIds.count && rows.allSatisfy { $0.count == length },
                         "TokenBatch: every row of ids, mask and types must have \(length) entries")
        }
        self.init(size: inputIds.count, length: length, inputIds: inputIds.flatMap { $0 },
                  attentionMask: attentionMask?.flatMap { $0 }, tokenTypeIds: tokenTypeIds?.flatMap { $0 })
    }

    /// Flat row-major arrays of `size·length` entries.
    public init(size: Int, length: Int, inputIds: [Int], attentionMask: [Int]? = nil, tokenTypeIds: [Int]? = nil) {
        let count = size * length
        precondition(inputIds.count == count && (attentionMask?.count ?? count) == count && (tokenTypeIds?.count ?? count) == count,
                     "TokenBatch: ids, mask and types must each have \(size)·\(length) entries")
        self.size = size
        self.length = length
        self.inputIds = inputIds
        self.attentionMask = attentionMask ?? [Int](repeating: 1, count: count)
        self.tokenTypeIds = tokenTypeIds ?? [Int](repeating: 0, count: count)
    }

    /// The additive key mask `[size, length]` attention layers take.
    public var additiveMask: Tensor {
        Attention.additiveMask(Tensor(shape: [size, length], values: attentionMask.map { Float($0) }))
    }

    /// The position id of every token, `0..<length` per row.
    var positionIds: [Int] {
        (0..<size).flatMap { _ in 0..<length }
    }

    /// The batch's real tokens packed row after row, for ``TextEncoder``'s packed mode.
    /// Requires every row's mask to be a prefix of ones (right padding) with at least one token.
    public var packing: Packing { Packing(self) }

    /// Where each row's real tokens sit among the packed `[realCount, width]` rows: row b's
    /// `lengths[b]` tokens are packed rows `offsets[b] ..< offsets[b] + lengths[b]`.
    public struct Packing: Sendable, Equatable {
        public let size: Int, length: Int
        public let lengths: [Int]
        public let offsets: [Int]
        /// The flat `b·length + t` index of every packed row.
        public let paddedIndices: [Int]
        public var realCount: Int { paddedIndices.count }

        init(_ batch: TokenBatch) {
            (size, length) = (batch.size, batch.length)
            var lengths: [Int] = [], offsets: [Int] = [], indices: [Int] = []
            for b in 0..<batch.size {
                let row = batch.attentionMask[(b * batch.length)..<((b + 1) * batch.length)]
                let count = row.prefix { $0 != 0 }.count
                precondition(count > 0 && row.dropFirst(count).allSatisfy { $0 == 0 },
                             "TokenBatch.packing: row \(b)'s mask must be a non-empty prefix of ones (right padding)")
                offsets.append(indices.count)
                lengths.append(count)
                indices += (b * batch.length)..<(b * batch.length + count)
            }
            (self.lengths, self.offsets, paddedIndices) = (lengths, offsets, indices)
        }

        /// The packed rows `[realCount, width]` of `x` `[size, length, width]` (or `[size·length, width]`).
        public func gather(_ x: Tensor) -> Tensor {
            let width = x.columns
            precondition(x.count == size * length * width, "Packing.gather: \(x.shape) is not [\(size), \(length), …]")
            return Tensor(shape: [realCount, width]) { out in
                x.withUnsafeBufferPointer { x in
                    for (row, index) in paddedIndices.enumerated() {
                        _ = out.row(row, width: width).initialize(fromContentsOf: x.row(index, width: width))
                    }
                }
            }
        }

        /// `[size, length, width]` with the packed rows of `x` `[realCount, width]` in place and zeros at padding.
        public func scatter(_ x: Tensor) -> Tensor {
            let width = x.columns
            precondition(x.rows == realCount, "Packing.scatter: \(x.shape) is not [\(realCount), …]")
            var result = Tensor(zeros: [size, length, width])
            x.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { out in
                    for (row, index) in paddedIndices.enumerated() {
                        _ = out.row(index, width: width).update(fromContentsOf: x.row(row, width: width))
                    }
                }
            }
            return result
        }

        /// Picks the packed entries of a flat `[size·length]` array.
        public func gather<T>(_ values: [T]) -> [T] {
            precondition(values.count == size * length, "Packing.gather: \(values.count) entries, expected \(size * length)")
            return paddedIndices.map { values[$0] }
        }
    }
}
