import EmbeddingCatalog
import Foundation
import NER
import RDFModel
import Store
import Tensors

/// The KG input of a CoAtt tagger (MODEL.md §1): the entity vectors of a TransE model registered
/// in a store (`coatt kge train … --register NAME`) and the English labels and aliases of those
/// entities, as a ``KnowledgeFeatures``. Kept with a tagger folder as `knowledge.json` +
/// `gazetteer.tsv` (``KnowledgeFolder``); the vectors stay in the store's vector file, whose
/// SHA-256 ties the tagger to them.
struct KnowledgeSource {
    let manifest: KnowledgeFolder.Manifest
    /// One row per label and entity, as written to `gazetteer.tsv`.
    let labels: [(label: String, entityIRI: String)]
    let features: KnowledgeFeatures
    /// The IRI of each row of the vector table (`features.vectors`).
    let entityIRIs: [String]

    /// The `rdfs:label` and `skos:altLabel` literals (language `en` or none) of the entities of
    /// `model` (default: the newest model registered in the store) that have a vector.
    static func build(store: Store, model: String?) throws -> KnowledgeSource {
        let entry: EmbeddingCatalog.Entry
        do { entry = try EmbeddingCatalog.model(model, in: store) } catch { throw CommandFailure("\(error)") }
        let embeddings = try loadVectors(entry.vectorFile, of: entry.iri)
        let rows = Dictionary(embeddings.entityIRIs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let labels = try englishLabels(in: store).filter { rows[$0.entityIRI] != nil }
        guard !labels.isEmpty else {
            throw CommandFailure("none of the \(embeddings.entityIRIs.count) entities of \(entry.iri) has an English rdfs:label or skos:altLabel in \(store.location.description), so no post word can be linked to its vectors")
        }
        let digest: String
        do { digest = try SHA256.hexDigest(ofFile: entry.vectorFile) } catch {
            throw CommandFailure("cannot read the KG vector file \(entry.vectorFile.path): \(error)")
        }
        let manifest = KnowledgeFolder.Manifest(model: entry.iri, vectorFile: entry.vectorFile.path, vectorFileSHA256: digest,
                                                dimension: embeddings.model.dimension, labelCount: labels.count)
        return KnowledgeSource(manifest: manifest, labels: labels, features: features(labels, rows: rows, embeddings),
                               entityIRIs: embeddings.entityIRIs)
    }

    /// Writes `knowledge.json` and `gazetteer.tsv` into a tagger folder.
    func save(to folder: URL) throws {
        do { try KnowledgeFolder.write(manifest, labels: labels, to: folder) } catch {
            throw CommandFailure("cannot write the knowledge files into \(folder.path): \(error)")
        }
    }

    /// Reads a tagger folder's knowledge files and the vectors they name; a missing or changed
    /// vector file is an error naming it.
    static func load(from folder: URL) throws -> KnowledgeSource {
        let stored: (manifest: KnowledgeFolder.Manifest, labels: [(label: String, entityIRI: String)])
        do { stored = try KnowledgeFolder.read(folder) } catch { throw CommandFailure(error.description) }
        let vectorFile = URL(fileURLWithPath: stored.manifest.vectorFile)
        let embeddings = try loadVectors(vectorFile, of: stored.manifest.model)
        guard embeddings.model.dimension == stored.manifest.dimension else {
            throw CommandFailure("\(vectorFile.path) holds \(embeddings.model.dimension)-d vectors, \(folder.path) expects \(stored.manifest.dimension)")
        }
        let rows = Dictionary(embeddings.entityIRIs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        if let unknown = stored.labels.first(where: { rows[$0.entityIRI] == nil }) {
            throw CommandFailure("\(folder.appendingPathComponent(KnowledgeFolder.gazetteerName).path) names \(unknown.entityIRI), which has no vector in \(vectorFile.path)")
        }
        return KnowledgeSource(manifest: stored.manifest, labels: stored.labels,
                               features: features(stored.labels, rows: rows, embeddings), entityIRIs: embeddings.entityIRIs)
    }

    // MARK: - Internals

    private static func loadVectors(_ file: URL, of model: String) throws -> LoadedEmbeddings {
        do { return try LoadedEmbeddings(file: file) } catch {
            throw CommandFailure("the vectors of \(model) cannot be read from \(file.path): \(error)")
        }
    }

    private static func features(_ labels: [(label: String, entityIRI: String)], rows: [String: Int],
                                 _ embeddings: LoadedEmbeddings) -> KnowledgeFeatures {
        let gazetteer = Gazetteer(labels: labels.map { (label: $0.label, entity: rows[$0.entityIRI]!) })
        let vectors = Tensor(shape: [embeddings.model.entityCount, embeddings.model.dimension],
                             values: embeddings.model.entityEmbeddings)
        return KnowledgeFeatures(gazetteer: gazetteer, vectors: vectors)
    }

    /// Every (label, IRI) pair of the store's English or untagged `rdfs:label`/`skos:altLabel`
    /// literals on IRIs, once each (the same label may sit in several graphs), in a stable order.
    private static func englishLabels(in store: Store) throws -> [(label: String, entityIRI: String)] {
        var pairs = Set<[String]>()
        do {
            for predicate in [Vocabulary.rdfsLabel, "http://www.w3.org/2004/02/skos/core#altLabel"] {
                try store.forEachQuad(predicate: .iri(predicate)) { quad in
                    guard case .iri(let entity) = quad.subject, case .literal(let label, let language, _) = quad.object,
                          language == nil || language?.lowercased() == "en" else { return }
                    pairs.insert([label, entity])
                }
            }
        } catch {
            throw CommandFailure("cannot read the labels of \(store.location.description): \(error)")
        }
        return pairs.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }.map { (label: $0[0], entityIRI: $0[1]) }
    }
}
