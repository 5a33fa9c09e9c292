import Foundation
import KGEmbeddings

/// A registered model's vectors with its entities and relations by IRI, for answering
/// `nearest` and `score` questions.
public struct LoadedEmbeddings: Sendable {
    public let model: TransEModel
    public let entityIRIs: [String]
    public let relationIRIs: [String]
    private let entityRows: [String: Int]
    private let relationRows: [String: Int]

    /// Reads a vector file kept by ``EmbeddingCatalog/register(modelFile:name:naming:trainingData:settingsJSON:validationMRR:in:)``,
    /// which names entities and relations by IRI.
    public init(file: URL) throws {
        let loaded = try TransEModel.load(from: file)
        guard let entities = loaded.entityNames, let relations = loaded.relationNames else {
            throw EmbeddingLookupError("\(file.path) does not name its entities and relations")
        }
        model = loaded.model
        entityIRIs = entities
        relationIRIs = relations
        entityRows = Dictionary(entityIRIs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        relationRows = Dictionary(relationIRIs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func entityRow(_ iri: String) throws -> Int {
        guard let row = entityRows[iri] else { throw EmbeddingLookupError("\(iri) has no vector in this model") }
        return row
    }

    /// The `k` entities closest to `iri` under the model's distance, closest first.
    public func nearest(to iri: String, k: Int) throws -> [(iri: String, distance: Float)] {
        let row = try entityRow(iri), d = model.dimension
        var distances: [(Int, Float)] = []
        distances.reserveCapacity(model.entityCount)
        model.entityEmbeddings.withUnsafeBufferPointer { table in
            let query = table.baseAddress! + row * d
            for other in 0..<model.entityCount where other != row {
                let candidate = table.baseAddress! + other * d
                var sum: Float = 0
                for i in 0..<d {
                    let difference = query[i] - candidate[i]
                    sum += model.norm == .l1 ? abs(difference) : difference * difference
                }
                distances.append((other, model.norm == .l1 ? sum : sum.squareRoot()))
            }
        }
        return distances.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(k).map { (entityIRIs[$0.0], $0.1) }
    }

    /// TransE's score −‖h + r − t‖ of a triple of IRIs.
    public func score(head: String, relation: String, tail: String) throws -> Float {
        guard let r = relationRows[relation] else { throw EmbeddingLookupError("\(relation) has no vector in this model") }
        return model.score(Triple(try entityRow(head), r, try entityRow(tail)))
    }
}

/// An entity or relation the model does not know, or a file without names.
public struct EmbeddingLookupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
