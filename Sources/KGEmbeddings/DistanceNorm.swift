/// The norm p of TransE's score s(h, r, t) = −‖h + r − t‖_p.
public enum DistanceNorm: String, Sendable, Codable {
    /// Manhattan distance, Σ|x_i|.
    case l1 = "L1"
    /// Euclidean distance √(Σ x_i²), not squared.
    case l2 = "L2"
}
