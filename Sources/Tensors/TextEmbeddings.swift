/// BERT's input embeddings: `LayerNorm(word[id] + position[t] + tokenType[type] + added)`, then
/// dropout in training. `added` is an optional extra `[B, T, width]` term (e.g. projected
/// knowledge-graph embeddings) summed in before the LayerNorm.
public struct TextEmbeddings: ParameterGroup {
    public var word: Embedding, position: Embedding, tokenType: Embedding
    public var norm: LayerNorm
    public var dropoutProbability: Float

    /// What ``backward(_:batch:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let sum: Tensor
        let norm: LayerNorm.Cache
        let dropout: Tensor?
        let packing: TokenBatch.Packing?
    }

    public init(word: Embedding, position: Embedding, tokenType: Embedding, norm: LayerNorm, dropoutProbability: Float = 0) {
        precondition(position.dimension == word.dimension && tokenType.dimension == word.dimension
                     && norm.weight.count == word.dimension, "TextEmbeddings: tables and LayerNorm widths differ")
        (self.word, self.position, self.tokenType, self.norm) = (word, position, tokenType, norm)
        self.dropoutProbability = dropoutProbability
    }

    public var width: Int { word.dimension }

    public var parameters: [NamedParameter<TextEmbeddings>] {
        parameters(of: \.word, prefix: "word_embeddings") + parameters(of: \.position, prefix: "position_embeddings")
            + parameters(of: \.tokenType, prefix: "token_type_embeddings") + parameters(of: \.norm, prefix: "LayerNorm")
    }

    /// `[B, T, width]` for the batch's tokens; with `packing`, `[N, width]` for its real tokens
    /// only (``TokenBatch/Packing``; `added` is still `[B, T, width]`).
    public func forward(_ batch: TokenBatch, added: Tensor? = nil, dropoutSeed: UInt64? = nil,
                        packing: TokenBatch.Packing? = nil) -> (output: Tensor, cache: Cache) {
        let shape = packing.map { [$0.realCount, width] } ?? [batch.size, batch.length, width]
        precondition(batch.length <= position.weight.shape[0],
                     "TextEmbeddings: \(batch.length) tokens exceed \(position.weight.shape[0]) positions")
        func ids(_ all: [Int]) -> [Int] { packing?.gather(all) ?? all }
        var sum = word.forward(ids(batch.inputIds)).reshaped(shape)
        sum += position.forward(ids(batch.positionIds)).reshaped(shape)
        sum += tokenType.forward(ids(batch.tokenTypeIds)).reshaped(shape)
        if let added { sum += packing?.gather(added) ?? added }
        let (normalized, normCache) = norm.forward(sum)
        let dropout = Dropout.trainingMask(shape: shape, probability: dropoutProbability, seed: dropoutSeed)
        let output = dropout.map { Dropout.forward(normalized, mask: $0) } ?? normalized
        return (output, Cache(sum: sum, norm: normCache, dropout: dropout, packing: packing))
    }

    /// Accumulates the tables' and LayerNorm's gradients and returns the gradient of the sum
    /// before the LayerNorm, which is also the gradient of `added` (`[B, T, width]` in both modes;
    /// zero at padding in packed mode). In packed mode `dy` is `[N, width]`.
    @discardableResult
    public func backward(_ dy: Tensor, batch: TokenBatch, cache: Cache, gradients: inout TextEmbeddings) -> Tensor {
        let dNormalized = cache.dropout.map { Dropout.backward(dy, mask: $0) } ?? dy
        let dSum = norm.backward(dNormalized, input: cache.sum, cache: cache.norm, gradients: &gradients.norm)
        func ids(_ all: [Int]) -> [Int] { cache.packing?.gather(all) ?? all }
        let rows = dSum.reshaped([-1, width])
        word.backward(rows, ids: ids(batch.inputIds), gradients: &gradients.word)
        position.backward(rows, ids: ids(batch.positionIds), gradients: &gradients.position)
        tokenType.backward(rows, ids: ids(batch.tokenTypeIds), gradients: &gradients.tokenType)
        return cache.packing?.scatter(dSum) ?? dSum
    }
}
