import Annotations
import EmbeddingCatalog
import EntityLinking
import Foundation
import KGImport
import RDFModel
import Store
import Tensors

/// What an ``EntityLinker`` needs from a store (issue 7, part 1): the labels and aliases of KG
/// entities, their degree over the store's KG fact graphs, their DBpedia classes closed under the
/// ontology's `rdfs:subClassOf`, their TransE vectors, and the NER type → class mapping of
/// `Ontologies/coattkg.ttl`.
enum LinkingSource {
    static let rdfsSubClassOf = "http://www.w3.org/2000/01/rdf-schema#subClassOf"

    /// The linker over the entities of a tagger's KG model (``KnowledgeSource``: its English labels
    /// and aliases, and its vectors), with degrees, classes and the type mapping read from `store`.
    static func linker(store: Store, knowledge: KnowledgeSource, weights: EntityLinker.Weights = .defaults) throws -> EntityLinker {
        try linker(store: store, labels: knowledge.labels, vectors: (knowledge.entityIRIs, knowledge.features.vectors),
                   weights: weights)
    }

    /// The linker over the entities named in `labels`; `vectors` are TransE entity vectors, one row
    /// per IRI of `entityIRIs` (nil: no coherence).
    static func linker(store: Store, labels: [(label: String, entityIRI: String)],
                       vectors: (entityIRIs: [String], table: Tensor)?, weights: EntityLinker.Weights = .defaults) throws -> EntityLinker {
        EntityLinker(index: try index(store: store, labels: labels, vectors: vectors), types: try typeAgreement(store: store), weights: weights)
    }

    /// The entity index of the entities named in `labels`, in order of first appearance. Classes
    /// (objects of `rdf:type`, either side of `rdfs:subClassOf`) are left out: they are no link
    /// targets, although a KG model trained on typing triples gives them vectors and labels.
    static func index(store: Store, labels: [(label: String, entityIRI: String)],
                      vectors: (entityIRIs: [String], table: Tensor)?) throws -> EntityIndex {
        let subClassOf = try iriPairs(in: store, predicate: rdfsSubClassOf), typing = try iriPairs(in: store, predicate: Vocabulary.rdfType)
        let classIRIs = Set(typing.map(\.1)).union(subClassOf.flatMap { [$0.0, $0.1] })
        var positions: [String: Int] = [:], iris: [String] = [], numbered: [(label: String, entity: Int)] = []
        for (label, iri) in labels where !classIRIs.contains(iri) {
            let position = positions[iri] ?? iris.count
            if position == iris.count {
                positions[iri] = position
                iris.append(iri)
            }
            numbered.append((label, position))
        }
        let degrees = try degrees(in: store, of: positions)
        let classes = dbpediaClasses(typing: typing, subClassOf: subClassOf, of: positions)
        let rows = vectors.map { Dictionary($0.entityIRIs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
        let entities = iris.enumerated().map { position, iri in
            EntityIndex.Entity(iri: iri, degree: degrees[position], classes: classes[position], vectorRow: rows[iri])
        }
        return EntityIndex(entities: entities, labels: numbered, vectors: vectors?.table)
    }

    /// For each entity, the number of triples of the KG fact graphs (`…/kg/<extract>/train|valid|test`,
    /// ``KGGraphLayout``) it is subject or object of.
    static func degrees(in store: Store, of positions: [String: Int]) throws -> [Int] {
        let splits = Set(KGGraph.splits.map { "/" + $0.rawValue })
        var degrees = [Int](repeating: 0, count: positions.count)
        do {
            for case (.iri(let graph)?, _) in try store.graphSizes()
            where graph.hasPrefix(KGGraphLayout.defaultRoot) && splits.contains(where: { graph.hasSuffix($0) }) {
                try store.forEachQuad(in: .iri(graph)) { quad in
                    if case .iri(let subject) = quad.subject, let position = positions[subject] { degrees[position] += 1 }
                    if case .iri(let object) = quad.object, let position = positions[object] { degrees[position] += 1 }
                }
            }
        } catch {
            throw CommandFailure("cannot count the KG facts of \(store.location.description): \(error)")
        }
        return degrees
    }

    /// For each entity, its `rdf:type` classes closed under `rdfs:subClassOf`, kept when they are
    /// DBpedia ontology classes or `owl:Thing`.
    static func dbpediaClasses(typing: [(String, String)], subClassOf: [(String, String)], of positions: [String: Int]) -> [Set<String>] {
        let closure = ClassClosure(subClassOf: subClassOf.map { (subclass: $0.0, superclass: $0.1) })
        var asserted = [Set<String>](repeating: [], count: positions.count)
        for (entity, type) in typing {
            if let position = positions[entity] { asserted[position].insert(type) }
        }
        return asserted.map { types in
            closure.closure(of: types).filter { $0.hasPrefix(Vocabulary.dbpediaOntology) || $0 == AnnotationVocabulary.owlThing }
        }
    }

    /// The NER types of `Ontologies/coattkg.ttl` as loaded in the store: each `coatt:nerLabel` of a
    /// type with its `coatt:dbpediaClass` and `coatt:excludesDBpediaClass` classes. An empty mapping
    /// (the vocabulary not loaded) leaves every type agreement unknown, with a note on stderr.
    static func typeAgreement(store: Store) throws -> TypeAgreement {
        let coatt = AnnotationVocabulary.coatt
        let sparql = """
            SELECT ?label ?property ?class WHERE {
              ?type <\(coatt)nerLabel> ?label ; ?property ?class .
              FILTER (?property IN (<\(coatt)dbpediaClass>, <\(coatt)excludesDBpediaClass>))
            }
            """
        var included: [String: Set<String>] = [:], excluded: [String: Set<String>] = [:]
        do {
            guard case .solutions(let cursor) = try store.query(sparql) else { return TypeAgreement(classesByType: [:], excludedByType: [:]) }
            while let row = cursor.next() {
                guard case .literal(let label, _, _)? = row[0], case .iri(let property)? = row[1], case .iri(let type)? = row[2] else { continue }
                if property == coatt + "dbpediaClass" { included[label, default: []].insert(type) } else { excluded[label, default: []].insert(type) }
            }
        } catch {
            throw CommandFailure("cannot read the NER types of \(store.location.description): \(error)")
        }
        if included.isEmpty {
            Terminal.error("note: \(store.location.description) has no NER type classes (load Ontologies/coattkg.ttl): "
                           + "linking cannot check mention types against entity classes")
        }
        return TypeAgreement(classesByType: included, excludedByType: excluded)
    }

    /// Every (subject, object) IRI pair of `predicate`, over all graphs (a pair in two graphs comes twice).
    private static func iriPairs(in store: Store, predicate: String) throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        do {
            try store.forEachQuad(predicate: .iri(predicate)) { quad in
                if case .iri(let subject) = quad.subject, case .iri(let object) = quad.object { pairs.append((subject, object)) }
            }
        } catch {
            throw CommandFailure("cannot read the <\(predicate)> triples of \(store.location.description): \(error)")
        }
        return pairs
    }
}
