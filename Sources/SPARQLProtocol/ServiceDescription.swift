/// The SPARQL 1.1 Service Description of the endpoint, in Turtle: what a GET on `/sparql` without
/// a query returns, so that clients can discover languages, result formats and features.
public struct ServiceDescription: Sendable {
    /// The endpoint's IRI (`http://host:port/sparql`).
    public var endpoint: String
    /// Whether SPARQL Update is offered (the server has an update token).
    public var updates: Bool
    /// Whether SERVICE may ask some endpoint (the server has an allow-list).
    public var federates: Bool

    public init(endpoint: String, updates: Bool, federates: Bool = false) {
        self.endpoint = endpoint
        self.updates = updates
        self.federates = federates
    }

    private static let resultFormats = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                                        "Turtle", "N-Triples", "RDF_XML"]
    private static let inputFormats = ["Turtle", "N-Triples", "RDF_XML"]

    public var turtle: String {
        let languages = ["sd:SPARQL11Query"] + (updates ? ["sd:SPARQL11Update"] : [])
        let features = ["sd:UnionDefaultGraph"] + (federates ? ["sd:BasicFederatedQuery"] : [])
        return """
        @prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
        @prefix format: <http://www.w3.org/ns/formats/> .
        @prefix ent: <http://www.w3.org/ns/entailment/> .

        [] a sd:Service ;
            sd:endpoint <\(endpoint)> ;
            sd:supportedLanguage \(languages.joined(separator: ", ")) ;
            sd:resultFormat \(Self.resultFormats.map { "format:\($0)" }.joined(separator: ", ")) ;
            sd:inputFormat \(Self.inputFormats.map { "format:\($0)" }.joined(separator: ", ")) ;
            sd:feature \(features.joined(separator: ", ")) ;
            sd:defaultEntailmentRegime ent:Simple ;
            sd:defaultDataset [
                a sd:Dataset ;
                sd:defaultGraph [ a sd:Graph ]
            ] .

        """
    }
}
