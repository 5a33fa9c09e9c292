/// What one import emitted.
public struct KGImportSummary: Sendable, Equatable {
    public let kind: KGExtractKind
    public let layout: KGGraphLayout
    /// Quads emitted per graph; graphs that received none are absent.
    public internal(set) var quadsPerGraph: [KGGraph: Int] = [:]
    /// Lines read per split file (a split's graph has fewer quads when lines repeat).
    public internal(set) var factLines: [KGGraph: Int] = [:]
    /// Repeated fact lines within a split, emitted once (DBpedia50's train has 185, test 39).
    public internal(set) var duplicateFacts = 0
    /// Distinct entities: things in subject/object position of facts or described by the
    /// extract's entity files (class tables, the Wikidata mapping).
    public internal(set) var entities = 0
    /// Distinct relations used by facts.
    public internal(set) var relations = 0
    /// `rdfs:label` quads (entities, relations, CoDEx types).
    public internal(set) var labels = 0
    /// `rdf:type` quads, asserted and inferred, including ``mappedTypeAssertions``.
    public internal(set) var typeAssertions = 0
    /// CoDEx only: `rdf:type dbo:…` quads obtained through the Wikidata → DBpedia class map.
    public internal(set) var mappedTypeAssertions = 0
    /// `owl:sameAs` quads (DB100K: DBpedia resource → Wikidata item).
    public internal(set) var sameAsLinks = 0
    /// Optional inputs that were absent and skipped (paths).
    public internal(set) var absentOptionalFiles: [String] = []

    init(kind: KGExtractKind, layout: KGGraphLayout) {
        self.kind = kind
        self.layout = layout
    }

    /// All quads emitted.
    public var totalQuads: Int { quadsPerGraph.values.reduce(0, +) }

    /// Quads emitted into one graph.
    public func quads(in graph: KGGraph) -> Int { quadsPerGraph[graph] ?? 0 }

    /// Quads per graph IRI.
    public var quadsPerGraphIRI: [String: Int] {
        Dictionary(uniqueKeysWithValues: quadsPerGraph.map { (layout.iri($0.key), $0.value) })
    }
}
