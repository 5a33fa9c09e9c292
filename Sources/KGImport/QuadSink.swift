import RDFModel

/// IRIs the importers write besides those in ``Vocabulary``.
enum KGTerms {
    static let rdfType = RDFTerm.iri(Vocabulary.rdfType)
    static let rdfsLabel = RDFTerm.iri(Vocabulary.rdfsLabel)
    static let rdfsComment = RDFTerm.iri(Vocabulary.rdfsComment)
    static let owlSameAs = RDFTerm.iri("http://www.w3.org/2002/07/owl#sameAs")
    static let wikibaseDirectClaim = RDFTerm.iri("http://wikiba.se/ontology#directClaim")
    static let schemaDomainIncludes = RDFTerm.iri("http://schema.org/domainIncludes")
    static let schemaRangeIncludes = RDFTerm.iri("http://schema.org/rangeIncludes")
}

/// Hands quads to the caller's callback, attaching graph terms and keeping the summary's counts.
struct QuadSink {
    private let emit: (Quad) throws -> Void
    private let graphs: [RDFTerm]          // indexed like KGGraph.allCases
    private var counts: [Int]
    var summary: KGImportSummary

    init(layout: KGGraphLayout, kind: KGExtractKind, emit: @escaping (Quad) throws -> Void) {
        self.emit = emit
        self.graphs = KGGraph.allCases.map(layout.term)
        self.counts = Array(repeating: 0, count: KGGraph.allCases.count)
        self.summary = KGImportSummary(kind: kind, layout: layout)
    }

    @inline(__always)
    mutating func add(_ s: RDFTerm, _ p: RDFTerm, _ o: RDFTerm, _ graph: KGGraph) throws {
        let g = Self.index(graph)
        try emit(Quad(s, p, o, graph: graphs[g]))
        counts[g] += 1
    }

    mutating func label(_ s: RDFTerm, _ text: String, _ graph: KGGraph = .entities) throws {
        try add(s, KGTerms.rdfsLabel, .literal(text, language: "en"), graph)
        summary.labels += 1
    }

    mutating func comment(_ s: RDFTerm, _ text: String, _ graph: KGGraph) throws {
        try add(s, KGTerms.rdfsComment, .literal(text, language: "en"), graph)
    }

    mutating func type(_ s: RDFTerm, _ cls: RDFTerm, _ graph: KGGraph = .entities) throws {
        try add(s, KGTerms.rdfType, cls, graph)
        summary.typeAssertions += 1
    }

    /// The summary with the per-graph counts filled in.
    func finished() -> KGImportSummary {
        var s = summary
        for (i, g) in KGGraph.allCases.enumerated() where counts[i] > 0 { s.quadsPerGraph[g] = counts[i] }
        return s
    }

    @inline(__always)
    private static func index(_ g: KGGraph) -> Int {
        switch g {
        case .train: 0
        case .valid: 1
        case .test: 2
        case .entities: 3
        case .entitiesInferred: 4
        case .relations: 5
        }
    }
}
