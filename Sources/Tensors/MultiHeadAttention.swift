/// Multi-head attention with query, key, value and output projections (biases included):
/// `out = Attention(x_q·W_qᵀ + b_q, c·W_kᵀ + b_k, c·W_vᵀ + b_v)·W_oᵀ + b_o`, where the context c
/// is the queries' own input for self-attention or another sequence for cross-attention.
public struct MultiHeadAttention: ParameterGroup {
    /// Checkpoint names of the four projections, relative to this module.
    public struct Names: Sendable {
        public var query: String, key: String, value: String, output: String

        public init(query: String, key: String, value: String, output: String) {
            (self.query, self.key, self.value, self.output) = (query, key, value, output)
        }

        /// BERT's `attention.self.query` … `attention.output.dense`, relative to `attention`.
        public static let bert = Names(query: "self.query", key: "self.key", value: "self.value", output: "output.dense")
        /// ALBERT's `attention.query` … `attention.dense`, relative to `attention`.
        public static let albert = Names(query: "query", key: "key", value: "value", output: "dense")
        /// CLIP's `self_attn.q_proj` … `self_attn.out_proj`, relative to `self_attn`.
        public static let clip = Names(query: "q_proj", key: "k_proj", value: "v_proj", output: "out_proj")
    }

    public var query: Linear, key: Linear, value: Linear, output: Linear
    public var heads: Int
    /// Dropout on the attention probabilities during training.
    public var dropoutProbability: Float
    public var names: Names

    /// What ``backward(_:cache:gradients:)`` needs from the forward pass.
    public struct Cache: Sendable {
        let queryInput: Tensor
        /// Nil for self-attention, where the context is the query input.
        let contextInput: Tensor?
        let q: Tensor, k: Tensor, v: Tensor
        let attention: Attention.Cache
        let attended: Tensor
        let temperature: Float
        /// The packed sequences' lengths, or nil for padded `[B, T, width]` inputs.
        let lengths: [Int]?
    }

    public init(query: Linear, key: Linear, value: Linear, output: Linear, heads: Int,
                dropoutProbability: Float = 0, names: Names) {
        precondition(heads > 0 && query.outputSize % heads == 0,
                     "MultiHeadAttention: width \(query.outputSize) is not divisible by \(heads) heads")
        (self.query, self.key, self.value, self.output) = (query, key, value, output)
        self.heads = heads
        self.dropoutProbability = dropoutProbability
        self.names = names
    }

    /// `width → width` projections with weights from `initializer` and zero biases.
    public init(width: Int, heads: Int, dropoutProbability: Float = 0, names: Names,
                initializer: inout WeightInitializer) {
        func projection() -> Linear {
            Linear(inputSize: width, outputSize: width, initializer: &initializer)
        }
        self.init(query: projection(), key: projection(), value: projection(), output: projection(),
                  heads: heads, dropoutProbability: dropoutProbability, names: names)
    }

    public var parameters: [NamedParameter<MultiHeadAttention>] {
        parameters(of: \.query, prefix: names.query) + parameters(of: \.key, prefix: names.key)
            + parameters(of: \.value, prefix: names.value) + parameters(of: \.output, prefix: names.output)
    }

    /// - Parameters:
    ///   - x: queries' input `[B, Tq, width]`.
    ///   - context: keys' and values' input `[B, Tk, width]`; nil for self-attention.
    ///   - keyMask: additive `[B, Tk]` (``Attention/additiveMask(_:)``).
    ///   - temperature: τ of ``Attention``.
    ///   - dropoutSeed: nil at inference; during training, the seed of the probabilities' dropout mask.
    ///   - lengths: packed self-attention: `x` is `[N, width]`, the sequences' real tokens one
    ///     after another with these lengths, each attending to itself only (no context, no mask).
    public func forward(_ x: Tensor, context: Tensor? = nil, keyMask: Tensor? = nil, temperature: Float = 1,
                        dropoutSeed: UInt64? = nil, lengths: [Int]? = nil) -> (output: Tensor, cache: Cache) {
        let source = context ?? x
        let q = query.forward(x), k = key.forward(source), v = value.forward(source)
        if let lengths {
            precondition(context == nil && keyMask == nil, "MultiHeadAttention: packed sequences take no context or mask")
            let scoreCount = lengths.reduce(0) { $0 + heads * $1 * $1 }
            let dropoutMask = Dropout.trainingMask(shape: [scoreCount], probability: dropoutProbability, seed: dropoutSeed)
            let (attended, attention) = Attention.forward(query: q, key: k, value: v, heads: heads, lengths: lengths,
                                                          temperature: temperature, dropoutMask: dropoutMask)
            let cache = Cache(queryInput: x, contextInput: nil, q: q, k: k, v: v, attention: attention,
                              attended: attended, temperature: temperature, lengths: lengths)
            return (output.forward(attended), cache)
        }
        let dropoutMask = Dropout.trainingMask(shape: [x.shape[0], heads, x.shape[1], source.shape[1]],
                                       probability: dropoutProbability, seed: dropoutSeed)
        let (attended, attention) = Attention.forward(query: q, key: k, value: v, heads: heads, temperature: temperature,
                                                      keyMask: keyMask, dropoutMask: dropoutMask)
        let cache = Cache(queryInput: x, contextInput: context, q: q, k: k, v: v, attention: attention,
                          attended: attended, temperature: temperature, lengths: nil)
        return (output.forward(attended), cache)
    }

    /// Accumulates the projections' gradients and returns the gradients of the query input and,
    /// for cross-attention, of the context (nil for self-attention, whose two paths are summed
    /// into `query`).
    public func backward(_ dy: Tensor, cache: Cache, gradients: inout MultiHeadAttention) -> (query: Tensor, context: Tensor?) {
        let dAttended = output.backward(dy, input: cache.attended, gradients: &gradients.output)
        let (dq, dk, dv) = cache.lengths.map {
            Attention.backward(dAttended, query: cache.q, key: cache.k, value: cache.v, heads: heads, lengths: $0,
                               temperature: cache.temperature, cache: cache.attention)
        } ?? Attention.backward(dAttended, query: cache.q, key: cache.k, value: cache.v, heads: heads,
                                temperature: cache.temperature, cache: cache.attention)
        let source = cache.contextInput ?? cache.queryInput
        var dSource = key.backward(dk, input: source, gradients: &gradients.key)
        dSource += value.backward(dv, input: source, gradients: &gradients.value)
        var dx = query.backward(dq, input: cache.queryInput, gradients: &gradients.query)
        guard cache.contextInput != nil else {
            dx += dSource
            return (dx, nil)
        }
        return (dx, dSource)
    }
}
