/// A lookup table: row `id` of `weight` for each id.
public struct Embedding: ParameterGroup {
    /// `[vocabularySize, dimension]`.
    public var weight: Tensor

    public init(weight: Tensor) {
        precondition(weight.rank == 2, "Embedding: weight must be [count, dimension], got \(weight.shape)")
        self.weight = weight
    }

    /// `count` rows from `initializer`.
    public init(count: Int, dimension: Int, initializer: inout WeightInitializer) {
        self.init(weight: initializer.weight([count, dimension]))
    }

    public var dimension: Int { weight.shape[1] }

    public var parameters: [NamedParameter<Embedding>] { [("weight", \.weight)] }

    /// `[ids.count, dimension]`: the rows of the ids, in order.
    public func forward(_ ids: [Int]) -> Tensor {
        let (rows, d) = (weight.shape[0], dimension)
        return Tensor(shape: [ids.count, d]) { out in
            weight.withUnsafeBufferPointer { table in
                for (i, id) in ids.enumerated() {
                    precondition(id >= 0 && id < rows, "Embedding: id \(id) outside 0..<\(rows)")
                    _ = out.row(i, width: d).initialize(fromContentsOf: table.row(id, width: d))
                }
            }
        }
    }

    /// Scatter-adds each row of `dy` `[ids.count, dimension]` into its id's gradient row
    /// (repeated ids accumulate).
    public func backward(_ dy: Tensor, ids: [Int], gradients: inout Embedding) {
        let d = dimension
        precondition(dy.count == ids.count * d, "Embedding.backward: gradient \(dy.shape) for \(ids.count) ids of width \(d)")
        dy.withUnsafeBufferPointer { dy in
            gradients.weight.withUnsafeMutableBufferPointer { table in
                for (i, id) in ids.enumerated() {
                    let (source, target) = (dy.row(i, width: d), table.row(id, width: d))
                    for j in 0..<d { target[j] += source[j] }
                }
            }
        }
    }
}
