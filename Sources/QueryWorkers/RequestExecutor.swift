import Foundation
import RDFModel
import Redland
import SPARQLProtocol
import SQLiteStorage
import Store

/// Runs one `EndpointRequest` against the worker's store and says how it went, as a reply.
/// Errors never escape: each kind maps to the status the client should see.
struct RequestExecutor {
    let store: WorkerStore
    /// Most solutions (or triples) a reply may carry.
    let maxRows: Int
    /// What LOAD and SERVICE may reach (the store's `remotePolicy` is set from it too).
    let policy: RemotePolicy
    /// The tagger and linker of `POST /extract`, when the endpoint was started with a model.
    let extraction: (any PostExtractionService)?

    func execute(_ request: WorkerRequest) -> EndpointReply {
        switch request {
        case .sparql(let request): return execute(request)
        case .extract(let post):
            guard let extraction else {
                return EndpointReply(status: .notImplemented, message: "this endpoint was started without --ner-model: it cannot extract")
            }
            return extraction.extract(post, store: store.store)
        }
    }

    func execute(_ request: EndpointRequest) -> EndpointReply {
        let serializer = AnswerSerializer(maxRows: maxRows, acceptable: request.acceptable)
        do {
            // A query's default-graph-uri/named-graph-uri, an update's using-graph-uri/using-named-graph-uri.
            let dataset = request.defaultGraphURIs.isEmpty && request.namedGraphURIs.isEmpty ? nil
                : ProtocolDataset(defaultGraphs: request.defaultGraphURIs, namedGraphs: request.namedGraphURIs)
            switch request.operation {
            case .query(let sparql):
                return try serializer.reply(for: store.query(sparql, baseIRI: request.baseIRI, dataset: dataset))
            case .update(let sparql):
                return try update(sparql, baseIRI: request.baseIRI, dataset: dataset)
            case .graphGet(let graph):
                return try getGraph(graph, serializer: serializer)
            case .graphPut(let graph, let body, let mediaType):
                return try putGraph(graph, body: body, mediaType: mediaType, baseIRI: request.baseIRI, replacing: true)
            case .graphPost(let graph, let body, let mediaType):
                return try putGraph(graph, body: body, mediaType: mediaType, baseIRI: request.baseIRI, replacing: false)
            case .graphDelete(let graph):
                return try deleteGraph(graph)
            }
        } catch {
            return Self.reply(for: error)
        }
    }

    /// The status each kind of failure answers with.
    static func reply(for error: any Error) -> EndpointReply {
        switch error {
        case is SPARQLSyntaxError, is UnsupportedQuery, is RDFParseError, is UnsupportedMediaType, is UpdateError:
            return EndpointReply(status: .badRequest, message: "\(error)")
        case is ServiceRefused, is UpdateRefused, is ReadOnlyDatabase:
            return EndpointReply(status: .forbidden, message: "\(error)")
        case is ServiceFailed:
            return EndpointReply(status: .badGateway, message: "\(error)")
        default:
            return EndpointReply(status: .failed, message: "\(error)")
        }
    }
}
