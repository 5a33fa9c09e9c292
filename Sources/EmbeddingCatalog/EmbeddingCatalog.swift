import Foundation
import KGEmbeddings
import KGImport
import RDFModel
import Redland
import Store

/// TransE models kept with a store: the vectors in a safetensors file in the store's
/// `embeddings/` folder, and a description in RDF in the graph
/// `https://w3id.org/coattkg/graph/embeddings/<name>` — the model (dimension, norm, training data,
/// validation MRR, date, file) and one `coatt:KGEmbedding` per entity and relation naming the row
/// of its vector — so SPARQL can tell which model embedded which entity.
public enum EmbeddingCatalog {
    static let ns = "https://w3id.org/coattkg/ns#"
    static let graphBase = "https://w3id.org/coattkg/graph/embeddings/"
    static let modelBase = "https://w3id.org/coattkg/model/"

    /// A model the store describes.
    public struct Entry: Sendable, Equatable {
        public let iri: String
        public let vectorFile: URL
        public let dimension: Int
    }

    /// Copies a trained model file into the store (names turned into IRIs) and describes it there, atomically: the graph
    /// is written in one transaction after the file is in place, and the file is removed again
    /// if that fails. Re-registering a name replaces the model.
    /// Throws what would stop ``register(modelFile:name:naming:trainingData:settingsJSON:validationMRR:in:)``
    /// before any model exists: a bad name, a store without a directory, a read-only store.
    /// Returns the store's directory.
    @discardableResult
    public static func checkRegistration(name: String, in store: Store) throws -> String {
        guard case .directory(let directory) = store.location else {
            throw StoreError("models are kept beside a store directory; \(store.location.description) has none")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !name.isEmpty else {
            throw StoreError("model name '\(name)' must be letters, digits, '-', '_' or '.'")
        }
        guard !store.isReadOnly else { throw StoreError("\(store.location.description) is read-only here: no model can be registered in it") }
        return directory
    }

    @discardableResult
    public static func register(modelFile: URL, name: String, naming: EmbeddingNaming, trainingData: [String],
                                settingsJSON: String? = nil, validationMRR: Double?, in store: Store) throws -> Entry {
        let storeDirectory = try checkRegistration(name: name, in: store)
        let loaded = try TransEModel.load(from: modelFile)
        guard let entities = loaded.entityNames, let relations = loaded.relationNames else {
            throw StoreError("\(modelFile.path) does not name its entities and relations")
        }
        let folder = URL(fileURLWithPath: storeDirectory).appendingPathComponent("embeddings")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(name + ".safetensors")
        let staging = folder.appendingPathComponent(".\(name).\(UUID().uuidString).safetensors")
        // The kept file names entities and relations by IRI, so it answers questions on its own.
        try loaded.model.save(to: staging, entityNames: entities.map(naming.entity), relationNames: relations.map(naming.relation))
        let model = modelBase + name
        let graph = RDFTerm.iri(graphBase + name)
        do {
            // rename(2) replaces an earlier file of the same name atomically.
            guard rename(staging.path, target.path) == 0 else {
                throw StoreError("cannot move the vectors into \(target.path): \(String(cString: strerror(errno)))")
            }
            try store.write { add in
                try store.drop(graph: graph)  // joins this transaction: the old description goes only if the new one lands
                func triple(_ s: String, _ p: String, _ o: RDFTerm) throws { try add(Quad(.iri(s), .iri(p), o, graph: graph)) }
                let xsd = "http://www.w3.org/2001/XMLSchema#"
                try triple(model, Vocabulary.rdfType, .iri(ns + "KGEmbeddingModel"))
                try triple(model, Vocabulary.rdfsLabel, .literal("TransE \(name) (\(loaded.model.dimension)d, \(loaded.model.norm.rawValue))", language: "en"))
                try triple(model, ns + "dimension", .literal(String(loaded.model.dimension), datatype: xsd + "positiveInteger"))
                try triple(model, ns + "distanceNorm", .literal(loaded.model.norm.rawValue))
                try triple(model, ns + "vectorFile", .iri(target.absoluteString))
                try triple(model, ns + "reciprocalRelations", .literal(String(loaded.model.reciprocal), datatype: xsd + "boolean"))
                if let settingsJSON {
                    try triple(model, ns + "trainingSettings", .literal(settingsJSON, datatype: "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"))
                }
                if let validationMRR { try triple(model, ns + "validationMRR", .literal(String(validationMRR), datatype: xsd + "double")) }
                for source in trainingData { try triple(model, "http://www.w3.org/ns/prov#wasDerivedFrom", .iri(source)) }
                try triple(model, "http://www.w3.org/ns/prov#generatedAtTime",
                           .literal(ISO8601DateFormatter().string(from: Date()), datatype: xsd + "dateTime"))
                for (kindName, names) in [("e", entities.map(naming.entity)), ("r", relations.map(naming.relation))] {
                    for (row, iri) in names.enumerated() {
                        let embedding = "\(model)/\(kindName)/\(row)"
                        try triple(embedding, Vocabulary.rdfType, .iri(ns + "KGEmbedding"))
                        try triple(embedding, ns + "embeddingOf", .iri(iri))
                        try triple(embedding, ns + "embeddingModel", .iri(model))
                        try triple(embedding, ns + "vectorIndex", .literal(String(row), datatype: xsd + "nonNegativeInteger"))
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            try? FileManager.default.removeItem(at: target)
            throw error
        }
        return Entry(iri: model, vectorFile: target, dimension: loaded.model.dimension)
    }

    /// The model `iri` (its IRI or the name it was registered under), or the newest registered
    /// one when `iri` is nil; throws an ``EmbeddingLookupError`` saying what is missing.
    public static func model(_ iri: String?, in store: Store) throws -> Entry {
        let models = try models(in: store)
        guard let entry = iri.map({ iri in models.first { $0.iri == iri || $0.iri == modelBase + iri } }) ?? models.first else {
            let known = models.isEmpty ? "none is registered" : "registered: " + models.map { $0.iri.hasPrefix(modelBase) ? String($0.iri.dropFirst(modelBase.count)) : $0.iri }.joined(separator: ", ")
            throw EmbeddingLookupError(iri.map { "no TransE model \($0) in \(store.location.description) (\(known))" }
                ?? "\(store.location.description) has no TransE model: train one with `coatt kge train --register NAME`")
        }
        return entry
    }

    /// The models the store describes, newest registration first.
    public static func models(in store: Store) throws -> [Entry] {
        let sparql = """
            PREFIX coatt: <\(ns)>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?model ?file ?dimension WHERE {
              ?model a coatt:KGEmbeddingModel ; coatt:vectorFile ?file ; coatt:dimension ?dimension ; prov:generatedAtTime ?time
            } ORDER BY DESC(?time)
            """
        guard case .solutions(let cursor) = try store.query(sparql) else { return [] }
        var entries: [Entry] = []
        while let row = cursor.next() {
            guard case .iri(let model)? = row[0], case .iri(let file)? = row[1], let file = URL(string: file),
                  let dimension = row[2].flatMap({ Int($0.value) }) else { continue }
            entries.append(Entry(iri: model, vectorFile: file, dimension: dimension))
        }
        return entries
    }
}
