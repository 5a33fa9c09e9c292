import Foundation
import RDFModel
import SPARQLProtocol
import SQLiteStorage
import Store

/// SPARQL Update and the Graph Store Protocol, through the store's update API. Each write is
/// one SQLite transaction (the store's guarantee); the pool runs them one at a time.
extension RequestExecutor {
    /// `dataset`: the protocol's `using-graph-uri`/`using-named-graph-uri`, read by every WHERE.
    func update(_ sparql: String, baseIRI: String?, dataset: ProtocolDataset?) throws -> EndpointReply {
        let summary = try store.store.update(sparql, baseIRI: baseIRI, policy: policy, dataset: dataset)
        return EndpointReply(status: .ok, message: "\(summary.inserted) triples inserted, \(summary.deleted) deleted",
                             count: summary.inserted + summary.deleted)
    }

    /// Graph Store GET: the graph (nil: the default graph) in the negotiated RDF syntax.
    func getGraph(_ graph: String?, serializer: AnswerSerializer) throws -> EndpointReply {
        let term = graph.map(RDFTerm.iri)
        guard try store.store.graphExists(term) else { return notFound(graph) }
        return try serializer.graph(store.store.triples(inGraph: term), what: AnswerSerializer.graphStoreGraph)
    }

    /// Graph Store PUT (`replacing`) or POST: the body's triples replace or join the graph's.
    func putGraph(_ graph: String?, body: Data, mediaType: String, baseIRI: String?, replacing: Bool) throws -> EndpointReply {
        let term = graph.map(RDFTerm.iri)
        let existed = try store.store.graphExists(term)
        let count = replacing
            ? try store.store.replaceGraph(term, with: body, mediaType: mediaType, baseIRI: baseIRI)
            : try store.store.addToGraph(term, data: body, mediaType: mediaType, baseIRI: baseIRI)
        // "created" tells the HTTP layer to answer 201 rather than 204.
        return EndpointReply(status: .ok, message: existed ? "\(count) triples written" : "created", count: count)
    }

    /// Graph Store DELETE: removes the graph.
    func deleteGraph(_ graph: String?) throws -> EndpointReply {
        let term = graph.map(RDFTerm.iri)
        guard try store.store.graphExists(term) else { return notFound(graph) }
        let count = try store.store.drop(graph: term)
        return EndpointReply(status: .ok, message: "\(count) triples removed", count: count)
    }

    private func notFound(_ graph: String?) -> EndpointReply {
        EndpointReply(status: .notFound, message: "the store has no graph <\(graph ?? "default")>")
    }
}
