import Foundation
import Tensors

/// How a new model's tables are filled.
public enum EmbeddingInitialization: String, Sendable, CaseIterable {
    /// The original TransE: uniform in ±6/√d, relation rows then scaled to unit L2 norm.
    case transE = "transe"
    /// Xavier (Glorot) normal, as PyTorch's `xavier_normal_` on an n × d table: N(0, 2/(n + d)).
    /// The CoDEx/LibKGE baselines use it.
    case xavierNormal = "xavier"

    /// An n × d table drawn from `rng`.
    func table(rows: Int, dimension: Int, rng: inout SeededRandom) -> [Float] {
        switch self {
        case .transE:
            let bound = 6 / Float(dimension).squareRoot()
            return (0..<(rows * dimension)).map { _ in (rng.nextUniform() * 2 - 1) * bound }
        case .xavierNormal:
            let std = (2 / Double(rows + dimension)).squareRoot()
            var values = [Float](repeating: 0, count: rows * dimension)
            var i = 0
            while i < values.count {  // Box–Muller, two normals per pair of uniforms
                let u1 = max(Double(rng.nextUniform()), 1e-12), u2 = Double(rng.nextUniform())
                let radius = (-2 * log(u1)).squareRoot() * std
                values[i] = Float(radius * cos(2 * .pi * u2))
                if i + 1 < values.count { values[i + 1] = Float(radius * sin(2 * .pi * u2)) }
                i += 2
            }
            return values
        }
    }
}
