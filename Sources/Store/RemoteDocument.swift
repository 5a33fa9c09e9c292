import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A document LOAD fetched over HTTP(S), within the policy (`HTTPExchange`).
struct RemoteDocument {
    let data: Data
    /// The response's Content-Type, if it sent one.
    let mediaType: String?

    /// Fetches `iri` (already checked against the allow-list by the caller).
    /// - Throws: `UpdateRefused` for a redirect outside the allow-list; `UpdateError` when the
    ///   document cannot be fetched (status, size, time, network).
    static func fetch(_ iri: String, policy: RemotePolicy) throws -> RemoteDocument {
        guard let url = URL(string: iri) else { throw UpdateError("LOAD <\(iri)>: not a URL") }
        var request = URLRequest(url: url)
        request.setValue("text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8", forHTTPHeaderField: "Accept")
        do {
            let reply = try HTTPExchange.perform(request, policy: policy)
            return RemoteDocument(data: reply.body, mediaType: reply.mediaType)
        } catch HTTPExchange.Failure.refused(let reason) {
            throw UpdateRefused("LOAD <\(iri)> was refused: \(reason)")
        } catch HTTPExchange.Failure.failed(let reason) {
            throw UpdateError("LOAD <\(iri)>: \(reason)")
        }
    }
}
