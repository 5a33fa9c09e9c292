import Foundation
import RDFModel

/// What a request to `/sparql` asks for.
public enum SPARQLRequestKind: Sendable, Equatable {
    /// A query or update to hand to the worker pool.
    case operation(EndpointRequest)
    /// A GET without `query`: the SPARQL 1.1 Service Description.
    case serviceDescription
}

/// Decodes requests to `/sparql` per the SPARQL 1.1 Protocol (§2.1 query, §2.2 update):
///
/// - `GET ?query=…`; a GET with neither `query` nor `update` asks for the service description;
///   `update` in a GET is refused (updates change state: POST only).
/// - `POST` with `application/x-www-form-urlencoded` (`query=` or `update=` in the body; URL
///   parameters are merged in, so `?format=json` still works), `application/sparql-query` or
///   `application/sparql-update` (the text is the body; dataset parameters in the URL).
/// - Dataset: `default-graph-uri`/`named-graph-uri` for queries, `using-graph-uri`/
///   `using-named-graph-uri` for updates (the dataset of every WHERE, in place of USING/WITH);
///   one kind's on the other is a 400, as are a query and an update (or two queries) in one request.
/// - Unknown parameters are ignored, as most endpoints do: clients add their own (SPARQLWrapper
///   sends `output=` and `results=`), and refusing them would break those clients for no gain.
/// - Sizes: a body over `maxBodyBytes` or a text over `maxQueryLength` is a 413.
public struct SPARQLRequestDecoder: Sendable {
    public var limits: EndpointLimits

    public init(limits: EndpointLimits) { self.limits = limits }

    public static let allowedMethods = ["GET", "POST", "OPTIONS"]

    public func decode(_ request: ProtocolRequest) throws(ProtocolError) -> SPARQLRequestKind {
        try checkBodySize(request.body, limits: limits)
        let urlParameters = try FormParameters(encoded: Array((request.query ?? "").utf8), what: "query string")
        switch request.method {
        case "GET":
            if urlParameters.contains("update") { throw .badRequest("SPARQL Update must be sent with POST") }
            guard let query = try urlParameters.single("query") else { return .serviceDescription }
            return .operation(try makeRequest(.query, query, parameters: urlParameters, accept: request.accept))
        case "POST":
            return .operation(try decodePost(request, urlParameters: urlParameters))
        default:
            throw .methodNotAllowed(request.method, allowed: Self.allowedMethods)
        }
    }

    private func decodePost(_ request: ProtocolRequest, urlParameters: FormParameters) throws(ProtocolError) -> EndpointRequest {
        guard let contentType = request.contentType.flatMap({ MediaRange($0) }) else {
            throw .unsupportedMediaType("a POST to /sparql needs Content-Type application/x-www-form-urlencoded, "
                                        + "application/sparql-query or application/sparql-update")
        }
        switch contentType.essence {
        case "application/x-www-form-urlencoded":
            let parameters = urlParameters.appending(try FormParameters(encoded: request.body, what: "form body"))
            let query = try parameters.single("query"), update = try parameters.single("update")
            switch (query, update) {
            case let (query?, nil): return try makeRequest(.query, query, parameters: parameters, accept: request.accept)
            case let (nil, update?): return try makeRequest(.update, update, parameters: parameters, accept: request.accept)
            case (_?, _?): throw .badRequest("give either 'query' or 'update', not both")
            case (nil, nil): throw .badRequest("the form has neither a 'query' nor an 'update' parameter")
            }
        case "application/sparql-query", "application/sparql-update":
            try checkCharset(contentType)
            if urlParameters.contains("query") || urlParameters.contains("update") {
                throw .badRequest("with Content-Type \(contentType.essence) the body is the request: "
                                  + "do not also give 'query' or 'update' in the URL")
            }
            guard let text = String(validating: request.body, as: UTF8.self) else {
                throw .badRequest("the request body is not valid UTF-8")
            }
            let kind: Kind = contentType.essence == "application/sparql-query" ? .query : .update
            return try makeRequest(kind, text, parameters: urlParameters, accept: request.accept)
        default:
            throw .unsupportedMediaType("Content-Type \(contentType.essence) is not a SPARQL request; use "
                                        + "application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")
        }
    }

    /// The two operations `/sparql` carries.
    private enum Kind {
        case query, update

        var name: String { self == .query ? "query" : "update" }
        func operation(_ text: String) -> EndpointOperation { self == .query ? .query(text) : .update(text) }
    }

    /// Dataset parameters refused with a 400 rather than silently ignored: the query ones on an
    /// update and the update ones (§2.2.3) on a query.
    private static func refusedParameters(_ kind: Kind) -> [String] {
        kind == .update ? ["default-graph-uri", "named-graph-uri"] : ["using-graph-uri", "using-named-graph-uri"]
    }

    /// The parameters naming the dataset of this kind of request.
    private static func datasetParameters(_ kind: Kind) -> (default: String, named: String) {
        kind == .update ? ("using-graph-uri", "using-named-graph-uri") : ("default-graph-uri", "named-graph-uri")
    }

    private func makeRequest(_ kind: Kind, _ text: String, parameters: FormParameters, accept: String?) throws(ProtocolError) -> EndpointRequest {
        for name in Self.refusedParameters(kind) where parameters.contains(name) {
            throw .badRequest("parameter '\(name)' is not supported on a SPARQL \(kind.name)"
                              + (kind == .update ? "; use using-graph-uri / using-named-graph-uri" : "; use default-graph-uri / named-graph-uri"))
        }
        let length = text.unicodeScalars.count
        guard length <= limits.maxQueryLength else {
            throw .tooLarge("the \(kind.name) is \(length) characters; the limit is \(limits.maxQueryLength)")
        }
        guard !SPARQLText.isEmpty(text) else { throw .badRequest("the \(kind.name) is empty (nothing but white space and comments)") }
        // Updates answer with a status, not a document: negotiation only matters for queries.
        let acceptable = kind == .update ? [] : try ContentNegotiation.acceptable(accept: accept, formats: parameters.values("format"))
        let names = Self.datasetParameters(kind)
        return EndpointRequest(operation: kind.operation(text),
                               defaultGraphURIs: try graphIRIs(parameters, names.default),
                               namedGraphURIs: try graphIRIs(parameters, names.named),
                               acceptable: acceptable)
    }

    private func graphIRIs(_ parameters: FormParameters, _ name: String) throws(ProtocolError) -> [String] {
        let values = parameters.values(name)
        for value in values where !GraphIRI.isAbsolute(value) {
            throw .badRequest("parameter '\(name)' must be an absolute IRI, not '\(value)'")
        }
        return values
    }
}

/// Refuses a body over the configured limit (the server also stops reading at the limit).
func checkBodySize(_ body: Data, limits: EndpointLimits) throws(ProtocolError) {
    guard body.count <= limits.maxBodyBytes else {
        throw .tooLarge("the request body is larger than the limit of \(limits.maxBodyBytes) bytes")
    }
}

/// Refuses a body declared in a character set other than UTF-8 (the only one SPARQL allows).
func checkCharset(_ contentType: MediaRange) throws(ProtocolError) {
    if let charset = contentType.parameters["charset"], charset.lowercased() != "utf-8", charset.lowercased() != "utf8" {
        throw .unsupportedMediaType("charset \(charset) is not supported; send UTF-8")
    }
}
