import RDFModel

/// The named graphs one imported extract is spread over.
///
/// Every extract gets a base graph IRI, by default `https://w3id.org/coattkg/graph/kg/<name>`
/// (`<name>` is the ``KGExtractKind`` raw value, e.g. `codex-m`), and these graphs below it:
///
/// | graph | holds |
/// |---|---|
/// | `<base>/train`, `<base>/valid`, `<base>/test` | the facts of each split, one triple per distinct line: link prediction (TransE) trains on `train` alone and evaluates on `valid`/`test` without test facts leaking into training |
/// | `<base>/entities` | descriptions of entities: `rdf:type` (asserted classes; for CoDEx its Wikidata types and their mapped DBpedia classes), `rdfs:label`, `rdfs:comment`, `owl:sameAs`; also the labels of CoDEx's type classes |
/// | `<base>/entities-inferred` | DBpedia50 only: each entity's classes closed under the ontology (`entity-classes-inferred.csv`: DBpedia, Wikidata, schema.org, FOAF, DUL classes), kept apart so queries can choose asserted or inferred typing |
/// | `<base>/relations` | descriptions of relations: CoDEx relation labels and comments, `wikibase:directClaim` links; DBpedia50 `schema:domainIncludes`/`schema:rangeIncludes` |
///
/// Query the whole extract with `FROM` each graph, or the facts of training alone with
/// `GRAPH <…/train>`.
public enum KGGraph: String, CaseIterable, Sendable {
    case train, valid, test
    case entities
    case entitiesInferred = "entities-inferred"
    case relations

    /// The three splits of facts.
    public static let splits: [KGGraph] = [.train, .valid, .test]
}

/// The graph IRIs of one extract: a base IRI plus one path segment per ``KGGraph``.
public struct KGGraphLayout: Sendable, Equatable {
    /// The root the default bases are formed under.
    public static let defaultRoot = "https://w3id.org/coattkg/graph/kg/"

    /// The base IRI, without a trailing slash.
    public let base: String

    /// The layout for `kind`, under `base` when given (a trailing `/` is dropped), else under
    /// ``defaultRoot`` + the kind's raw value.
    public init(kind: KGExtractKind, base: String? = nil) {
        var b = base ?? (Self.defaultRoot + kind.rawValue)
        while b.hasSuffix("/") { b.removeLast() }
        self.base = b
    }

    /// The IRI of one graph, e.g. `https://w3id.org/coattkg/graph/kg/codex-m/train`.
    public func iri(_ graph: KGGraph) -> String { base + "/" + graph.rawValue }

    /// The IRI of one graph as a term.
    public func term(_ graph: KGGraph) -> RDFTerm { .iri(iri(graph)) }
}
