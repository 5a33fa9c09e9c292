import RDFModel

/// Lookups over a parsed manifest: objects by subject and property, and RDF collections.
struct ManifestGraph {
    private let bySubject: [RDFTerm: [Quad]]

    init(_ quads: [Quad]) {
        bySubject = Dictionary(grouping: quads, by: \.subject)
    }

    func objects(_ subject: RDFTerm, _ property: String) -> [RDFTerm] {
        bySubject[subject, default: []].filter { $0.predicate == .iri(property) }.map(\.object)
    }

    func object(_ subject: RDFTerm, _ property: String) -> RDFTerm? {
        objects(subject, property).first
    }

    /// Subjects that have `rdf:type` `type`.
    func subjects(ofType type: String) -> [RDFTerm] {
        bySubject.keys.filter { objects($0, Vocabulary.rdfType).contains(.iri(type)) }
    }

    /// The members of the RDF collection starting at `head`, in order.
    func list(_ head: RDFTerm) -> [RDFTerm] {
        var members: [RDFTerm] = []
        var node = head
        var seen: Set<RDFTerm> = []
        while node != .iri(RDFNamespace.nil), seen.insert(node).inserted, let first = object(node, RDFNamespace.first) {
            members.append(first)
            guard let rest = object(node, RDFNamespace.rest) else { break }
            node = rest
        }
        return members
    }
}

/// The test-manifest vocabularies.
enum TestVocabulary {
    static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
    static let qt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
    static let ut = "http://www.w3.org/2009/sparql/tests/test-update#"
    static let rdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label"
    static let dawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"
    static let sd = "http://www.w3.org/ns/sparql-service-description#"
}

enum RDFNamespace {
    static let first = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
    static let rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
    static let `nil` = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
}
