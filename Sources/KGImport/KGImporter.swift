import Foundation
import RDFModel

/// Imports one knowledge-graph extract as RDF quads, streamed to a callback.
///
/// Nothing is collected in memory but small lookup tables (one term per distinct entity and
/// relation, the distinct facts of the split being read); files are read in chunks.
/// The quads are spread over the named graphs of ``KGGraphLayout``.
///
/// **DBpedia50 / DB100K** (`train|valid|test.txt`: head TAB relation TAB tail, DBpedia names):
/// - entities → `http://dbpedia.org/resource/<name>` (see ``DBpediaNames`` for the IRI form);
///   relations and classes → `http://dbpedia.org/ontology/<name>`;
/// - every entity gets one `rdfs:label "…"@en` derived from its name (``DBpediaNames/label(_:)``);
/// - `entity-classes.csv` (`entity,classes`, classes a Python set like `{'Band'}` or `set()`) →
///   `rdf:type dbo:<Class>` in `entities`;
/// - DBpedia50 `entity-classes-inferred.csv` (optional, full class IRIs) → `rdf:type` in
///   `entities-inferred` (when ``includeInferredClasses``);
/// - DBpedia50 `relation-domains-ranges.csv` (optional) → `schema:domainIncludes` /
///   `schema:rangeIncludes` in `relations` (they list alternatives, so not `rdfs:domain`,
///   whose several values would mean their intersection);
/// - DB100K `wikidata-to-dbpedia.csv` (`entity,dbpedia`: QID, name) →
///   `dbr:<name> owl:sameAs wd:<QID>` in `entities`. DB100K's train split is used if present.
///
/// **CoDEx-S / CoDEx-M** (`Q…`/`P…` ids): entities → `http://www.wikidata.org/entity/Q…`,
/// relations → `http://www.wikidata.org/prop/direct/P…` (as Wikidata's truthy statements). With
/// the `codex-meta` folder (``metaDirectory``, else a sibling `codex-meta` when present):
/// - relation labels/descriptions → `rdfs:label`/`rdfs:comment` on the `wdt:P…` predicate the
///   facts use, plus `wd:P… wikibase:directClaim wdt:P…` linking Wikidata's property entity to it
///   (Wikidata's own modelling; the labels are not repeated on `wd:P…`), in `relations`;
/// - CoDEx entity types (`entity2types.json`) → `rdf:type wd:Q…`, not `wdt:P31`: CoDEx's types
///   mix instance-of and subclass-of values (actor Q33999 is typed profession Q28640 and artist
///   Q483501), so asserting them as Wikidata P31 statements would be wrong;
/// - each type also through ``wikidataToDBpedia`` → `rdf:type dbo:…` (once per entity);
/// - labels/descriptions (`types-en.json`) of the types used and of fact entities it describes
///   (occupations, genres…) → `rdfs:label`/`rdfs:comment`.
/// English labels of CoDEx entities are not available; none are made up.
///
/// Facts repeated within a split file are emitted once (``KGImportSummary/duplicateFacts``).
public struct KGImporter: Sendable {
    public let kind: KGExtractKind
    public let directory: URL
    /// The CoDEx metadata folder; ignored for DBpedia extracts.
    public let metaDirectory: URL?
    /// Wikidata class IRI → DBpedia class IRIs, e.g.
    /// `"http://www.wikidata.org/entity/Q5": ["http://dbpedia.org/ontology/Person"]`;
    /// see ``wikidataToDBpediaMap(from:)``.
    public let wikidataToDBpedia: [String: [String]]
    public let layout: KGGraphLayout
    /// Whether DBpedia50's inferred class closure is imported (into `entities-inferred`).
    public var includeInferredClasses = true

    /// - Parameters:
    ///   - kind: which extract `directory` holds.
    ///   - directory: the extract's folder, e.g. `…/data/kg/codex-m`.
    ///   - metaDirectory: CoDEx only: the `codex-meta` folder; `nil` looks for a sibling
    ///     `codex-meta` and imports facts alone when there is none.
    ///   - wikidataToDBpedia: CoDEx only: Wikidata class IRI → DBpedia class IRIs.
    ///   - graphBase: the base graph IRI, instead of `https://w3id.org/coattkg/graph/kg/<kind>`.
    public init(kind: KGExtractKind, directory: URL, metaDirectory: URL? = nil,
                wikidataToDBpedia: [String: [String]] = [:], graphBase: String? = nil) {
        self.kind = kind
        self.directory = directory
        self.metaDirectory = metaDirectory
        self.wikidataToDBpedia = wikidataToDBpedia
        self.layout = KGGraphLayout(kind: kind, base: graphBase)
    }

    /// Like the memberwise initializer, with the kind detected from the folder's name.
    /// - Throws: ``KGImportError/unknownExtract(folder:)``.
    public init(directory: URL, metaDirectory: URL? = nil,
                wikidataToDBpedia: [String: [String]] = [:], graphBase: String? = nil) throws {
        guard let kind = KGExtractKind(directory: directory) else {
            throw KGImportError.unknownExtract(folder: directory.path)
        }
        self.init(kind: kind, directory: directory, metaDirectory: metaDirectory,
                  wikidataToDBpedia: wikidataToDBpedia, graphBase: graphBase)
    }

    /// Reads the extract and hands every quad to `emit`, in file order.
    /// Required files are checked before the first quad is emitted.
    /// - Throws: ``KGImportError`` (naming file and line), or whatever `emit` throws.
    public func importQuads(_ emit: (Quad) throws -> Void) throws -> KGImportSummary {
        try withoutActuallyEscaping(emit) { emit in
            let sink = QuadSink(layout: layout, kind: kind, emit: emit)
            if kind.usesWikidataIds {
                var run = CoDExImport(directory: directory, metaDirectory: resolvedMetaDirectory(),
                                      classMap: wikidataToDBpedia, sink: sink)
                return try run.run()
            } else {
                var run = DBpediaImport(kind: kind, directory: directory,
                                        includeInferred: includeInferredClasses, sink: sink)
                return try run.run()
            }
        }
    }

    /// Builds the Wikidata → DBpedia class map from `owl:equivalentClass` triples (in either
    /// direction) between `http://dbpedia.org/ontology/…` and `http://www.wikidata.org/entity/…`
    /// classes, as the DBpedia ontology states them. Other triples are ignored.
    public static func wikidataToDBpediaMap(from triples: some Sequence<Quad>) -> [String: [String]] {
        var map: [String: [String]] = [:]
        for q in triples where q.predicate == .iri(Vocabulary.owlEquivalentClass) {
            guard case .iri(let a) = q.subject, case .iri(let b) = q.object else { continue }
            let pair: (String, String)
            if a.hasPrefix(Vocabulary.wikidataEntity), b.hasPrefix(Vocabulary.dbpediaOntology) {
                pair = (a, b)
            } else if b.hasPrefix(Vocabulary.wikidataEntity), a.hasPrefix(Vocabulary.dbpediaOntology) {
                pair = (b, a)
            } else { continue }
            if !(map[pair.0]?.contains(pair.1) ?? false) { map[pair.0, default: []].append(pair.1) }
        }
        return map
    }

    private func resolvedMetaDirectory() -> URL? {
        if let metaDirectory { return metaDirectory }
        let sibling = directory.deletingLastPathComponent().appendingPathComponent("codex-meta")
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: sibling.path, isDirectory: &isDir) && isDir.boolValue
            ? sibling : nil
    }
}
