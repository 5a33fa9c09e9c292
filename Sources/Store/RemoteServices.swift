import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SPARQLResults
import SQLiteStorage

/// Asks remote SPARQL endpoints what SERVICE patterns ask (SPARQL 1.1 Protocol, a form-encoded
/// POST, the answer in SPARQL JSON or XML results), within a `RemotePolicy`: only allow-listed
/// endpoints, a size and time limit per answer, and at most `maxServiceRows` solutions each.
final class RemoteServices: ServiceEndpoints {
    let policy: RemotePolicy

    init(policy: RemotePolicy) { self.policy = policy }

    func select(_ query: String, at endpoint: String) throws -> SolutionTable {
        guard policy.allows(endpoint) else {
            throw ServiceRefused(endpoint: "<\(endpoint)>", reason: policy.allowList.isEmpty
                ? "this store asks no other endpoint unless it is allowed (--allow)"
                : "only http(s) endpoints under \(policy.allowList.joined(separator: ", ")) may be asked")
        }
        let target = policy.serviceURLs[endpoint] ?? endpoint
        guard let url = URL(string: target) else { throw ServiceFailed("SERVICE <\(endpoint)>: <\(target)> is not a URL") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/sparql-results+json, application/sparql-results+xml;q=0.9", forHTTPHeaderField: "Accept")
        request.setValue("CoAttKG (coatt SPARQL federated query)", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(("query=" + Self.formEncoded(query)).utf8)
        let reply: HTTPExchange.Reply
        do {
            reply = try HTTPExchange.perform(request, policy: policy)
        } catch .refused(let reason) {
            throw ServiceRefused(endpoint: "<\(endpoint)>", reason: reason)
        } catch .failed(let reason) {
            throw ServiceFailed("SERVICE <\(endpoint)>: \(reason)")
        }
        let table = try Self.solutions(in: reply, from: endpoint)
        guard table.rows.count <= policy.maxServiceRows else {
            throw ServiceFailed("SERVICE <\(endpoint)> answered more than \(policy.maxServiceRows) solutions; narrow its pattern or raise --max-service-rows")
        }
        return table
    }

    /// The solutions of a results document, JSON or XML as its media type says (both are tried
    /// when it says neither).
    private static func solutions(in reply: HTTPExchange.Reply, from endpoint: String) throws -> SolutionTable {
        let type = reply.mediaType?.lowercased() ?? ""
        let readers: [(Data) throws -> QueryOutcome] = type.contains("xml") ? [XMLResultsReader.read]
            : type.contains("json") ? [JSONResultsReader.read] : [JSONResultsReader.read, XMLResultsReader.read]
        var firstError: Error?
        for read in readers {
            do {
                guard case .solutions(let table) = try read(reply.body) else {
                    throw ServiceFailed("SERVICE <\(endpoint)> answered a boolean, not solutions")
                }
                return table
            } catch let error as ServiceFailed {
                throw error
            } catch {
                firstError = firstError ?? error
            }
        }
        throw ServiceFailed("SERVICE <\(endpoint)> answered no SPARQL results (\(reply.mediaType ?? "no media type")): \(firstError.map { "\($0)" } ?? "")")
    }

    /// `text` for an `application/x-www-form-urlencoded` body: everything but unreserved
    /// characters percent-encoded.
    private static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
