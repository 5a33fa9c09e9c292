import RDFModel

/// The IRIs of the terms ``NIFDocument`` writes: NIF 2.0 Core, ITS 2.0 RDF, PROV-O and CoAttKG's
/// vocabulary (Ontologies/coattkg.ttl), and where posts, their graphs and models are named.
public enum AnnotationVocabulary {
    public static let nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    public static let itsrdf = "http://www.w3.org/2005/11/its/rdf#"
    public static let prov = "http://www.w3.org/ns/prov#"
    public static let coatt = "https://w3id.org/coattkg/ns#"
    public static let foaf = "http://xmlns.com/foaf/0.1/"
    public static let dcterms = "http://purl.org/dc/terms/"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let owlThing = "http://www.w3.org/2002/07/owl#Thing"

    /// Where post IRIs start: a post is `<postBase><encoded id>`, its context and mentions that
    /// IRI with an RFC 5147 `#char=b,e` fragment.
    public static let postBase = "https://w3id.org/coattkg/post/"
    /// Where the named graphs of posts start, beside `graph/kg/` and `graph/embeddings/`.
    public static let postGraphBase = "https://w3id.org/coattkg/graph/post/"
    /// Where NER model IRIs start (KG embedding models use `model/<name>` already).
    public static let nerModelBase = "https://w3id.org/coattkg/model/ner/"

    /// The prefixes to declare when writing annotations as Turtle or RDF/XML.
    public static let prefixes = ["nif": nif, "itsrdf": itsrdf, "prov": prov, "coatt": coatt, "foaf": foaf, "dcterms": dcterms]

    /// The DBpedia class of each NER type, as coatt:dbpediaClass gives it in Ontologies/coattkg.ttl
    /// (MISC is Twitter-2017's spelling of OTHER).
    static let classOfType = ["PER": Vocabulary.dbpediaOntology + "Person", "LOC": Vocabulary.dbpediaOntology + "Place",
                              "ORG": Vocabulary.dbpediaOntology + "Organisation", "OTHER": owlThing, "MISC": owlThing]

    /// The coatt:EntityType individual of a NER type label, if it is one of the four.
    static func entityType(_ label: String) -> String? {
        switch label {
        case "PER", "LOC", "ORG", "OTHER": return coatt + label
        case "MISC": return coatt + "OTHER"
        default: return nil
        }
    }
}
