import SPARQLResults

/// Asks the endpoints SERVICE patterns name (SPARQL 1.1 Federated Query). The engine decides
/// what to ask (`ServiceBlock`); an implementation decides whether it may, and carries the request
/// (the store's asks over HTTP within its policy).
public protocol ServiceEndpoints: AnyObject, Sendable {
    /// The solutions of `query`, a SELECT, at `endpoint` (an absolute IRI as SERVICE names it).
    /// Called from several threads at once (`RasqalEngine.serviceRequestsInFlight`).
    /// - Throws: `ServiceRefused` when the endpoint may not be asked (SILENT does not hide that);
    ///   any other error when asking failed (SILENT turns those into one empty solution).
    func select(_ query: String, at endpoint: String) throws -> SolutionTable
}

/// A query refused because of a SERVICE it names: the engine was given no endpoints to ask, or
/// this one is off their allow-list (a server must not fetch URLs on a client's behalf freely).
public struct ServiceRefused: Error, CustomStringConvertible {
    /// The SERVICE target as written: `<iri>` or `?variable`.
    public let endpoint: String
    /// Why, for the message.
    public let reason: String

    public init(endpoint: String, reason: String = "queries here never contact other endpoints") {
        self.endpoint = endpoint
        self.reason = reason
    }

    public var description: String { "SERVICE \(endpoint) is not allowed: \(reason)" }
}

/// A SERVICE the engine could not ask (not SILENT): the endpoint failed, answered badly or too
/// much, or the pattern cannot be sent as written.
public struct ServiceFailed: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
