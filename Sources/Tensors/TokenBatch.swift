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
}
