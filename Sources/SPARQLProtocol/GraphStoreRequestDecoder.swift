import Foundation
import RDFModel

/// Decodes requests to `/rdf-graphs` per the SPARQL 1.1 Graph Store HTTP Protocol, indirect
/// identification: `?graph=IRI` names a graph, `?default` the default graph (exactly one of them).
///
/// - GET and HEAD read the graph (`acceptable` from Accept or `format`, RDF syntaxes only matter);
/// - PUT replaces it with the body, POST adds the body's triples, DELETE removes it; the body must
///   be Turtle, N-Triples or RDF/XML (415 otherwise), and its relative IRIs resolve against the
///   graph's IRI.
public struct GraphStoreRequestDecoder: Sendable {
    public var limits: EndpointLimits

    public init(limits: EndpointLimits) { self.limits = limits }

    public static let allowedMethods = ["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"]

    public func decode(_ request: ProtocolRequest) throws(ProtocolError) -> EndpointRequest {
        try checkBodySize(request.body, limits: limits)
        let parameters = try FormParameters(encoded: Array((request.query ?? "").utf8), what: "query string")
        let graph = try target(parameters)
        switch request.method {
        case "GET", "HEAD":
            let acceptable = try ContentNegotiation.acceptable(accept: request.accept, formats: parameters.values("format"))
            return EndpointRequest(operation: .graphGet(graph: graph), acceptable: acceptable)
        case "PUT":
            return EndpointRequest(operation: .graphPut(graph: graph, body: request.body, mediaType: try bodyType(request)), baseIRI: graph)
        case "POST":
            return EndpointRequest(operation: .graphPost(graph: graph, body: request.body, mediaType: try bodyType(request)), baseIRI: graph)
        case "DELETE":
            return EndpointRequest(operation: .graphDelete(graph: graph))
        default:
            throw .methodNotAllowed(request.method, allowed: Self.allowedMethods)
        }
    }

    /// The graph IRI, or nil for the default graph.
    private func target(_ parameters: FormParameters) throws(ProtocolError) -> String? {
        let graph = try parameters.single("graph")
        switch (graph, parameters.contains("default")) {
        case (let graph?, false):
            guard GraphIRI.isAbsolute(graph) else { throw .badRequest("'graph' must be an absolute IRI, not '\(graph)'") }
            return graph
        case (nil, true): return nil
        case (_?, true): throw .badRequest("give either 'graph=IRI' or 'default', not both")
        case (nil, false): throw .badRequest("name the graph with '?graph=IRI' or '?default'")
        }
    }

    private func bodyType(_ request: ProtocolRequest) throws(ProtocolError) -> String {
        let accepted = EndpointMediaTypes.graphInput.keys.sorted().joined(separator: ", ")
        guard let contentType = request.contentType.flatMap({ MediaRange($0) }) else {
            throw .unsupportedMediaType("the body needs a Content-Type: one of \(accepted)")
        }
        guard let mediaType = EndpointMediaTypes.graphInput[contentType.essence] else {
            throw .unsupportedMediaType("Content-Type \(contentType.essence) is not an RDF syntax the store reads; use one of \(accepted)")
        }
        try checkCharset(contentType)
        return mediaType
    }
}
