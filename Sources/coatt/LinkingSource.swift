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

    /// What the linker reads from the store whatever its entities: the class hierarchy and
    /// typing, the KG fact counts and the NER type mapping. It needs nothing from a tagger, so
    /// ``ExtractionPipeline`` reads it on a second thread while the tagger loads.
    struct StoreFacts {
        let subClassOf: [(String, String)], typing: [(String, String)]
        /// For each IRI, the number of triples of the KG fact graphs (`…/kg/<extract>/train|valid|test`,
        /// ``KGGraphLayout``) it is subject or object of.
        let degrees: [String: Int]
        /// Nil when the store has no NER type classes.
        let types: TypeAgreement?
        /// The store, as messages name it.
        let storeName: String

        init(store: Store) throws {
            subClassOf = try LinkingSource.iriPairs(in: store, predicate: LinkingSource.rdfsSubClassOf)
            typing = try LinkingSource.iriPairs(in: store, predicate: Vocabulary.rdfType)
            degrees = try LinkingSource.degrees(in: store)
            types = try LinkingSource.typeAgreement(store: store)
            storeName = store.location.description
        }
    }

    /// The linker over the entities of a tagger's KG model (``KnowledgeSource``: its English labels
    /// and aliases, and its vectors), with degrees, classes and the type mapping read from the store.
    /// Without the NER type mapping, every type agreement is unknown, with a note on stderr.
    static func linker(facts: StoreFacts, knowledge: KnowledgeSource, weights: EntityLinker.Weights = .defaults) -> EntityLinker {
        if facts.types == nil {
            Terminal.error("note: \(facts.storeName) has no NER type classes (load Ontologies/coattkg.ttl): "
                           + "linking cannot check mention types against entity classes")
        }
        return EntityLinker(index: index(facts: facts, labels: knowledge.labels, vectors: (knowledge.entityIRIs, knowledge.features.vectors)),
                            types: facts.types ?? TypeAgreement(classesByType: [:], excludedByType: [:]), weights: weights)
    }

    /// The entity index of the entities named in `labels`, in order of first appearance; `vectors`
    /// are TransE entity vectors, one row per IRI of `entityIRIs` (nil: no coherence). Classes
    /// (objects of `rdf:type`, either side of `rdfs:subClassOf`) are left out: they are no link
    /// targets, although a KG model trained on typing triples gives them vectors and labels.
    static func index(facts: StoreFacts, labels: [(label: String, entityIRI: String)],
                      vectors: (entityIRIs: [String], table: Tensor)?) -> EntityIndex {
        let classIRIs = Set(facts.typing.map(\.1)).union(facts.subClassOf.flatMap { [$0.0, $0.1] })
        var positions: [String: Int] = [:], iris: [String] = [], numbered: [(label: String, entity: Int)] = []
        for (label, iri) in labels where !classIRIs.contains(iri) {
            let position = positions[iri] ?? iris.count
            if position == iris.count {
                positions[iri] = position
                iris.append(iri)
            }
            numbered.append((label, position))
        }
        let classes = dbpediaClasses(typing: facts.typing, subClassOf: facts.subClassOf, of: positions)
        let rows = vectors.map { Dictionary($0.entityIRIs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
        let entities = iris.enumerated().map { position, iri in
            EntityIndex.Entity(iri: iri, degree: facts.degrees[iri] ?? 0, classes: classes[position], vectorRow: rows[iri])
        }
        return EntityIndex(entities: entities, labels: numbered, vectors: vectors?.table)
    }

    /// For each IRI, the number of triples of the KG fact graphs it is subject or object of.
    private static func degrees(in store: Store) throws -> [String: Int] {
        let splits = Set(KGGraph.splits.map { "/" + $0.rawValue })
        var degrees: [String: Int] = [:]
        do {
            for case (.iri(let graph)?, _) in try store.graphSizes()
            where graph.hasPrefix(KGGraphLayout.defaultRoot) && splits.contains(where: { graph.hasSuffix($0) }) {
                try store.forEachQuad(in: .iri(graph)) { quad in
                    if case .iri(let subject) = quad.subject { degrees[subject, default: 0] += 1 }
                    if case .iri(let object) = quad.object { degrees[object, default: 0] += 1 }
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
    /// type with its `coatt:dbpediaClass` and `coatt:excludesDBpediaClass` classes; nil when the
    /// store has none (the vocabulary not loaded).
    private static func typeAgreement(store: Store) throws -> TypeAgreement? {
        let coatt = AnnotationVocabulary.coatt
        let sparql = """
            SELECT ?label ?property ?class WHERE {
              ?type <\(coatt)nerLabel> ?label ; ?property ?class .
              FILTER (?property IN (<\(coatt)dbpediaClass>, <\(coatt)excludesDBpediaClass>))
            }
            """
        var included: [String: Set<String>] = [:], excluded: [String: Set<String>] = [:]
        do {
            guard case .solutions(let cursor) = try store.query(sparql) else { return nil }
            while let row = cursor.next() {
                guard case .literal(let label, _, _)? = row[0], case .iri(let property)? = row[1], case .iri(let type)? = row[2] else { continue }
                if property == coatt + "dbpediaClass" { included[label, default: []].insert(type) } else { excluded[label, default: []].insert(type) }
            }
        } catch {
            throw CommandFailure("cannot read the NER types of \(store.location.description): \(error)")
        }
        return included.isEmpty ? nil : TypeAgreement(classesByType: included, excludedByType: excluded)
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
