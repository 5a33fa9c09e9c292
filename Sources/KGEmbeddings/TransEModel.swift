/// TransE (Bordes et al., 2013): entity and relation embeddings with score
/// `s(h, r, t) = −‖e_h + r_r − e_t‖_p`, p = 1 or 2 (not squared).
///
/// The tables are contiguous row-major Float32: `entityEmbeddings[e * dimension + i]`.
public struct TransEModel: Sendable {
    /// Number of entities (rows of ``entityEmbeddings``).
    public let entityCount: Int
    /// Number of relations (rows of ``relationEmbeddings``).
    public let relationCount: Int
    /// Embedding dimension d.
    public let dimension: Int
    /// The norm of the score.
    public var norm: DistanceNorm
    /// Entity table, E × d.
    public var entityEmbeddings: [Float]
    /// Relation table, R × d.
    public var relationEmbeddings: [Float]

    /// Wraps existing tables; their sizes must be entityCount·d and relationCount·d.
    public init(entityCount: Int, relationCount: Int, dimension: Int, norm: DistanceNorm,
                entityEmbeddings: [Float], relationEmbeddings: [Float]) {
        precondition(entityEmbeddings.count == entityCount * dimension, "entity table must be E×d")
        precondition(relationEmbeddings.count == relationCount * dimension, "relation table must be R×d")
        self.entityCount = entityCount
        self.relationCount = relationCount
        self.dimension = dimension
        self.norm = norm
        self.entityEmbeddings = entityEmbeddings
        self.relationEmbeddings = relationEmbeddings
    }

    /// The original TransE initialisation: every value uniform in ±6/√d, relation rows then
    /// scaled to unit L2 norm (entity rows are normalised during training). Deterministic in `seed`.
    public init(entityCount: Int, relationCount: Int, dimension: Int, norm: DistanceNorm, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let bound = 6 / Float(dimension).squareRoot()
        func table(_ rows: Int) -> [Float] {
            (0..<(rows * dimension)).map { _ in (rng.nextUnitFloat() * 2 - 1) * bound }
        }
        let entities = table(entityCount)
        var relations = table(relationCount)
        relations.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<relationCount { VectorKernels.normalize(buffer.baseAddress! + r * dimension, dimension) }
        }
        self.init(entityCount: entityCount, relationCount: relationCount, dimension: dimension, norm: norm,
                  entityEmbeddings: entities, relationEmbeddings: relations)
    }

    /// The score s(h, r, t) = −‖e_h + r_r − e_t‖_p, computed as ((e_h + r_r) − e_t).
    public func score(_ triple: Triple) -> Float {
        let d = dimension
        return entityEmbeddings.withUnsafeBufferPointer { e in
            relationEmbeddings.withUnsafeBufferPointer { r in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: d) { hr in
                    VectorKernels.add(e.baseAddress! + Int(triple.head) * d, r.baseAddress! + Int(triple.relation) * d,
                                      into: hr.baseAddress!, d)
                    return -VectorKernels.distance(hr.baseAddress!, e.baseAddress! + Int(triple.tail) * d, d, norm)
                }
            }
        }
    }

    /// Scales the listed entity rows to unit L2 norm, as the original TransE does before each batch.
    public mutating func normalizeEntities<S: Sequence>(_ ids: S) where S.Element == Int32 {
        let d = dimension
        entityEmbeddings.withUnsafeMutableBufferPointer { e in
            for id in ids { VectorKernels.normalize(e.baseAddress! + Int(id) * d, d) }
        }
    }
}
