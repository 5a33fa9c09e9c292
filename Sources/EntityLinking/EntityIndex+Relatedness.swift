import Tensors

extension EntityIndex {
    /// How related two entities are through their TransE vectors, in [0, 1]: the cosine of the
    /// vectors, negatives clipped to 0; 0 when either has no vector.
    ///
    /// TransE places entities joined by a fact at about the relation's translation from each other,
    /// so entities of one topic (a city and its landmarks, a player and his club) end up in the
    /// same region of the space; unrelated entities of a large KG are near orthogonal (cosine ≈ 0).
    public func relatedness(_ a: Int, _ b: Int) -> Float {
        guard let vectors, let rowA = entities[a].vectorRow, let rowB = entities[b].vectorRow else { return 0 }
        let dimension = vectors.columns
        return vectors.withUnsafeBufferPointer { values in
            var dot: Float = 0, normA: Float = 0, normB: Float = 0
            for column in 0..<dimension {
                let x = values[rowA * dimension + column], y = values[rowB * dimension + column]
                dot += x * y
                normA += x * x
                normB += y * y
            }
            guard normA > 0, normB > 0 else { return 0 }
            return max(0, dot / (normA * normB).squareRoot())
        }
    }
}
