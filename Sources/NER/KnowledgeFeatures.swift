import Foundation
import Tensors
import Tokenizers

/// The per-sub-word KG input of a batch: E_KG before the learned projection W_kg (MODEL.md §1).
public struct KnowledgeFeatures: Sendable {
    public let gazetteer: Gazetteer
    /// [entities, d_KG]: the TransE entity table, row = the entity numbers the gazetteer returns.
    public let vectors: Tensor

    public init(gazetteer: Gazetteer, vectors: Tensor) {
        precondition(vectors.shape.count == 2, "KnowledgeFeatures: vectors must be [entities, d], got \(vectors.shape)")
        self.gazetteer = gazetteer
        self.vectors = vectors
    }

    /// d_KG, the width of an entity vector.
    public var dimension: Int { vectors.shape[1] }

    /// [B, T, d_KG]: every sub-token of a matched word carries the mean vector of the word's entities
    /// ("Expand"); zeros elsewhere (special tokens, padding, unmatched words).
    public func subwordVectors(words: [[String]], encodings: [Encoding], length: Int) -> Tensor {
        precondition(words.count == encodings.count, "KnowledgeFeatures: \(words.count) posts but \(encodings.count) encodings")
        let d = dimension
        var values = [Float](repeating: 0, count: words.count * length * d)
        for (post, (postWords, encoding)) in zip(words, encodings).enumerated() {
            for (entities, tokens) in zip(gazetteer.match(words: postWords), encoding.wordTokenRanges)
            where !entities.isEmpty && !tokens.isEmpty {
                let mean = meanVector(of: entities)
                for token in tokens where token < length {
                    let offset = (post * length + token) * d
                    values.replaceSubrange(offset..<offset + d, with: mean)
                }
            }
        }
        return Tensor(shape: [words.count, length, d], values: values)
    }

    /// How many words of `posts` matched (for the training report).
    public func coverage(words: [[String]]) -> (matched: Int, total: Int) {
        words.reduce(into: (matched: 0, total: 0)) { counts, postWords in
            counts.matched += gazetteer.match(words: postWords).count { !$0.isEmpty }
            counts.total += postWords.count
        }
    }

    /// The mean of the rows `entities` of ``vectors``.
    private func meanVector(of entities: [Int]) -> [Float] {
        let d = dimension
        var sum = [Float](repeating: 0, count: d)
        vectors.values.withUnsafeBufferPointer { table in
            for entity in entities {
                precondition(entity >= 0 && entity < vectors.shape[0], "KnowledgeFeatures: entity row \(entity) outside the \(vectors.shape[0]) vectors")
                for i in 0..<d { sum[i] += table[entity * d + i] }
            }
        }
        let scale = 1 / Float(entities.count)
        return sum.map { $0 * scale }
    }
}
