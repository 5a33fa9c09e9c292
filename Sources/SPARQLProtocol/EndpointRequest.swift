import Foundation

/// One operation a client asked the endpoint for, as the HTTP layer decoded it. The server
/// process never parses SPARQL (rasqal may crash on it, REDLAND.md §5): the text travels to a
/// worker process as it came.
public enum EndpointOperation: Sendable, Equatable {
    /// A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    case query(String)
    /// A SPARQL 1.1 Update request (needs the update token).
    case update(String)
    /// Graph Store Protocol GET: the graph (nil = the default graph) serialised.
    case graphGet(graph: String?)
    /// Graph Store Protocol PUT: replace the graph with the body, parsed as `mediaType`.
    case graphPut(graph: String?, body: Data, mediaType: String)
    /// Graph Store Protocol POST: add the body's triples to the graph.
    case graphPost(graph: String?, body: Data, mediaType: String)
    /// Graph Store Protocol DELETE: remove the graph.
    case graphDelete(graph: String?)

    /// Whether the operation changes the store (and so needs the token and the single writer).
    public var writes: Bool {
        switch self {
        case .query, .graphGet: return false
        case .update, .graphPut, .graphPost, .graphDelete: return true
        }
    }
}

/// A request handed from the HTTP server to a worker process.
public struct EndpointRequest: Sendable, Equatable {
    /// What to do.
    public var operation: EndpointOperation
    /// SPARQL Protocol `default-graph-uri` (a query) or `using-graph-uri` (an update) values: the
    /// default graph of the query or of every WHERE, replacing FROM / USING / WITH when non-empty.
    public var defaultGraphURIs: [String]
    /// SPARQL Protocol `named-graph-uri` (a query) or `using-named-graph-uri` (an update) values.
    public var namedGraphURIs: [String]
    /// Media types the client accepts, best first (from Accept or `format`); the worker picks the
    /// first it can write for the query's form, or answers `.notAcceptable`.
    public var acceptable: [String]
    /// Base IRI for relative IRIs in the request text.
    public var baseIRI: String?

    public init(operation: EndpointOperation, defaultGraphURIs: [String] = [], namedGraphURIs: [String] = [],
                acceptable: [String] = [], baseIRI: String? = nil) {
        self.operation = operation
        self.defaultGraphURIs = defaultGraphURIs
        self.namedGraphURIs = namedGraphURIs
        self.acceptable = acceptable
        self.baseIRI = baseIRI
    }
}

/// How a request ended, as the worker (or the pool, for timeouts and crashes) reports it.
public enum EndpointStatus: String, Sendable, Equatable {
    /// Done; `body` holds the result in `mediaType` (empty for updates).
    case ok
    /// Syntax error or invalid request (HTTP 400); `message` says why.
    case badRequest
    /// No acceptable result format for this query form (HTTP 406).
    case notAcceptable
    /// Refused by policy: LOAD/SERVICE target not allowed (HTTP 403).
    case forbidden
    /// The graph named by a Graph Store request does not exist (HTTP 404).
    case notFound
    /// More result rows than the configured limit (HTTP 400: the client can add a LIMIT; results
    /// are never silently truncated).
    case tooManyRows
    /// Content past a limit the worker checks (HTTP 413: a post longer than the tagger takes).
    case tooLarge
    /// Something this endpoint was not set up to do (HTTP 501: extraction without a tagger).
    case notImplemented
    /// An endpoint a SERVICE asked failed or answered badly (HTTP 502).
    case badGateway
    /// Killed at the per-query wall-time limit (HTTP 503 with a timeout message).
    case timeout
    /// The worker died in native code (HTTP 500); the pool replaced it.
    case crashed
    /// Any other failure inside the worker (HTTP 500).
    case failed
}

/// A worker's answer to one `EndpointRequest`.
public struct EndpointReply: Sendable, Equatable {
    public var status: EndpointStatus
    /// The media type of `body` (with `; charset=utf-8` where textual), empty when none.
    public var mediaType: String
    public var body: Data
    /// A message for the client when `status` is not `.ok`.
    public var message: String
    /// Triples changed (writes) or result rows (SELECT), for logs and metrics.
    public var count: Int

    public init(status: EndpointStatus, mediaType: String = "", body: Data = Data(), message: String = "", count: Int = 0) {
        self.status = status
        self.mediaType = mediaType
        self.body = body
        self.message = message
        self.count = count
    }
}
