/// An RDF 1.1 term: the value every layer of CoAttKG passes around, free of any C pointer.
public enum RDFTerm: Hashable, Sendable {
    /// An IRI, stored as its full string.
    case iri(String)
    /// A blank node, by its label (without the `_:` prefix).
    case blank(String)
    /// A literal with an optional language tag or datatype IRI (never both).
    case literal(String, language: String? = nil, datatype: String? = nil)

    /// The lexical form of a literal, the IRI string or the blank-node label.
    public var value: String {
        switch self {
        case .iri(let v), .blank(let v), .literal(let v, _, _): return v
        }
    }

    public var isIRI: Bool { if case .iri = self { return true } else { return false } }
    public var isBlank: Bool { if case .blank = self { return true } else { return false } }
    public var isLiteral: Bool { if case .literal = self { return true } else { return false } }
}

/// Well-known IRIs used across the code base.
public enum Vocabulary {
    public static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    public static let rdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label"
    public static let rdfsComment = "http://www.w3.org/2000/01/rdf-schema#comment"
    public static let owlEquivalentClass = "http://www.w3.org/2002/07/owl#equivalentClass"
    public static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    public static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
    public static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    public static let dbpediaResource = "http://dbpedia.org/resource/"
    public static let dbpediaOntology = "http://dbpedia.org/ontology/"
    public static let wikidataEntity = "http://www.wikidata.org/entity/"
    public static let wikidataDirect = "http://www.wikidata.org/prop/direct/"
}

/// A triple in a named graph; `graph == nil` is the default graph.
public struct Quad: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}
