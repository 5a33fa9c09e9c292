/// The media types the endpoint writes and reads, and the short names of the `format` parameter.
public enum EndpointMediaTypes {
    public static let sparqlResultsJSON = "application/sparql-results+json"
    public static let sparqlResultsXML = "application/sparql-results+xml"
    public static let csv = "text/csv"
    public static let tsv = "text/tab-separated-values"
    public static let turtle = "text/turtle"
    public static let nTriples = "application/n-triples"
    public static let rdfXML = "application/rdf+xml"

    /// Everything a worker can write, in the server's order of preference: results formats (SELECT,
    /// ASK) first, then RDF (CONSTRUCT, DESCRIBE, Graph Store GET). A wildcard Accept expands to
    /// these in this order, so the worker's first fit for the query form is its default.
    public static let produced = [sparqlResultsJSON, sparqlResultsXML, csv, tsv, turtle, nTriples, rdfXML]

    /// Generic names that common clients send for the results formats; only an explicit mention
    /// selects them (a wildcard already covers the specific type).
    public static let aliases = ["application/json", "application/xml"]

    /// The `format` parameter's short names. `xml` fits both forms: XML results or RDF/XML.
    public static let formatNames: [String: [String]] = [
        "json": [sparqlResultsJSON],
        "xml": [sparqlResultsXML, rdfXML],
        "csv": [csv],
        "tsv": [tsv],
        "turtle": [turtle],
        "ntriples": [nTriples],
        "rdfxml": [rdfXML],
    ]

    /// RDF syntaxes a Graph Store PUT/POST body may be in, by the names clients send, mapped to
    /// the type handed to the worker.
    public static let graphInput: [String: String] = [
        turtle: turtle, "application/x-turtle": turtle,
        nTriples: nTriples,
        rdfXML: rdfXML,
    ]
}
