import Foundation
import SafeTensors

/// Why a saved TransE model could not be read.
public enum TransEModelFileError: Error, CustomStringConvertible, Sendable {
    /// The safetensors layer failed (missing file, tensor…).
    case safeTensors(SafeTensorsError)
    /// Metadata or shapes are missing or inconsistent.
    case invalid(path: String, detail: String)

    public var description: String {
        switch self {
        case let .safeTensors(error): return error.description
        case let .invalid(path, detail): return "invalid TransE model \(path): \(detail)"
        }
    }
}

extension TransEModel {
    /// Saves the model as safetensors: `entity_embeddings` [E, d], `relation_embeddings` [R, d]
    /// ([2R, d], inverses last, with reciprocal relations), and metadata `model` = `TransE`,
    /// `dimension`, `norm` (`L1`/`L2`), `reciprocal` (`true`/`false`), and, when given,
    /// `entities` / `relations` as JSON arrays of names in id order.
    public func save(to url: URL, entityNames: [String]? = nil, relationNames: [String]? = nil) throws {
        var metadata = ["model": "TransE", "dimension": String(dimension), "norm": norm.rawValue,
                        "reciprocal": String(reciprocal)]
        if let entityNames {
            precondition(entityNames.count == entityCount)
            metadata["entities"] = String(decoding: try JSONEncoder().encode(entityNames), as: UTF8.self)
        }
        if let relationNames {
            precondition(relationNames.count == relationCount)
            metadata["relations"] = String(decoding: try JSONEncoder().encode(relationNames), as: UTF8.self)
        }
        try SafeTensorsWriter.write(tensors: [
            (name: "entity_embeddings", shape: [entityCount, dimension], values: entityEmbeddings),
            (name: "relation_embeddings", shape: [relationRows, dimension], values: relationEmbeddings),
        ], metadata: metadata, to: url)
    }

    /// Loads a model written by ``save(to:entityNames:relationNames:)``; returns the names too
    /// (nil when not stored). `norm` defaults to the metadata's, else L1.
    public static func load(from url: URL) throws -> (model: TransEModel, entityNames: [String]?, relationNames: [String]?) {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(url: url) } catch { throw TransEModelFileError.safeTensors(error) }
        do {
            let eInfo = try file.info("entity_embeddings"), rInfo = try file.info("relation_embeddings")
            guard eInfo.shape.count == 2, rInfo.shape.count == 2, eInfo.shape[1] == rInfo.shape[1] else {
                throw TransEModelFileError.invalid(path: url.path, detail: "tables must be [E, d] and [R, d] with the same d")
            }
            let norm = DistanceNorm(rawValue: file.metadata["norm"] ?? "L1") ?? .l1
            let reciprocal = file.metadata["reciprocal"] == "true"
            guard !reciprocal || rInfo.shape[0] % 2 == 0 else {
                throw TransEModelFileError.invalid(path: url.path, detail: "a reciprocal model needs an even number of relation rows")
            }
            let model = TransEModel(entityCount: eInfo.shape[0], relationCount: rInfo.shape[0] / (reciprocal ? 2 : 1),
                                    dimension: eInfo.shape[1], norm: norm, entityEmbeddings: try file.floats("entity_embeddings"),
                                    relationEmbeddings: try file.floats("relation_embeddings"), reciprocal: reciprocal)
            func names(_ key: String) throws -> [String]? {
                guard let json = file.metadata[key] else { return nil }
                return try JSONDecoder().decode([String].self, from: Data(json.utf8))
            }
            return (model, try names("entities"), try names("relations"))
        } catch let error as SafeTensorsError {
            throw TransEModelFileError.safeTensors(error)
        }
    }
}
