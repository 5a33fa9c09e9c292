import Tensors

/// TransE (Bordes et al., 2013): entity and relation embeddings with score
/// `s(h, r, t) = −‖e_h + r_r − e_t‖_p`, p = 1 or 2 (not squared).
///
/// The tables are contiguous row-major Float32: `entityEmbeddings[e * dimension + i]`.
///
/// With ``reciprocal`` relations (Lacroix et al., 2018; the CoDEx baselines), relation r has an
/// inverse r⁻¹ in row `relationCount + r`, and a head is predicted as the tail of (t, r⁻¹, ?):
/// each direction of a relation gets its own translation.
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
    /// Relation table, R × d (2R × d with reciprocal relations).
    public var relationEmbeddings: [Float]
    /// Whether the relation table holds an inverse of every relation (rows R..<2R).
    public let reciprocal: Bool

    /// Rows of ``relationEmbeddings``: R, or 2R with reciprocal relations.
    public var relationRows: Int { reciprocal ? 2 * relationCount : relationCount }

    /// Wraps existing tables; their sizes must be entityCount·d and relationRows·d.
    public init(entityCount: Int, relationCount: Int, dimension: Int, norm: DistanceNorm,
                entityEmbeddings: [Float], relationEmbeddings: [Float], reciprocal: Bool = false) {
        precondition(entityEmbeddings.count == entityCount * dimension, "entity table must be E×d")
        precondition(relationEmbeddings.count == (reciprocal ? 2 : 1) * relationCount * dimension,
                     "relation table must be R×d (2R×d with reciprocal relations)")
        self.entityCount = entityCount
        self.relationCount = relationCount
        self.dimension = dimension
        self.norm = norm
        self.entityEmbeddings = entityEmbeddings
        self.relationEmbeddings = relationEmbeddings
        self.reciprocal = reciprocal
    }

    /// A freshly initialised model, deterministic in `seed`.
    public init(entityCount: Int, relationCount: Int, dimension: Int, norm: DistanceNorm, seed: UInt64,
                initialization: EmbeddingInitialization = .transE, reciprocal: Bool = false) {
        var rng = SeededRandom(seed: seed)
        let relationRows = (reciprocal ? 2 : 1) * relationCount
        let entities = initialization.table(rows: entityCount, dimension: dimension, rng: &rng)
        var relations = initialization.table(rows: relationRows, dimension: dimension, rng: &rng)
        if initialization == .transE {
            relations.withUnsafeMutableBufferPointer { buffer in
                for r in 0..<relationRows { VectorKernels.normalize(buffer.baseAddress! + r * dimension, dimension) }
            }
        }
        self.init(entityCount: entityCount, relationCount: relationCount, dimension: dimension, norm: norm,
                  entityEmbeddings: entities, relationEmbeddings: relations, reciprocal: reciprocal)
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
