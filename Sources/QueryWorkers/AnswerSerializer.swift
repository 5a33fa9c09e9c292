import Foundation
import RDFModel
import Redland
import SPARQLProtocol
import SPARQLResults

/// Turns a query answer (or a graph) into a reply body in the negotiated format, refusing
/// answers with more than `maxRows` solutions or triples rather than truncating them.
struct AnswerSerializer {
    let maxRows: Int
    let acceptable: [String]

    func reply(for answer: QueryAnswer) throws -> EndpointReply {
        switch answer {
        case .solutions(let cursor): return solutions(cursor)
        case .boolean(let value): return boolean(value)
        case .graph(let quads): return try graph(quads, what: "CONSTRUCT/DESCRIBE results")
        }
    }

    /// Streams solutions into the body, stopping at the first row past the limit, so the body
    /// never grows beyond `maxRows` rows.
    private func solutions(_ cursor: any SolutionCursor) -> EndpointReply {
        guard let chosen = MediaTypeNegotiation.results.choose(from: acceptable) else {
            return notAcceptable("SELECT results", offers: MediaTypeNegotiation.results.names)
        }
        let body = BodyBuffer()
        var writer = chosen.format.makeWriter(output: body.append)
        writer.begin(variables: cursor.variables)
        var rows = 0
        while let row = cursor.next() {
            rows += 1
            guard rows <= maxRows else { return tooManyRows("solutions") }
            writer.write(row: row)
        }
        writer.end()
        return EndpointReply(status: .ok, mediaType: chosen.mediaType, body: body.data, count: rows)
    }

    private func boolean(_ value: Bool) -> EndpointReply {
        guard let chosen = MediaTypeNegotiation.results.choose(from: acceptable) else {
            return notAcceptable("ASK results", offers: MediaTypeNegotiation.results.names)
        }
        let body = BodyBuffer()
        chosen.format.writeBoolean(value, output: body.append)
        return EndpointReply(status: .ok, mediaType: chosen.mediaType, body: body.data, count: 1)
    }

    /// What `graph(_:what:)` is told for a Graph Store GET.
    static let graphStoreGraph = "a graph"

    /// Writes triples (their graphs dropped) in the negotiated RDF syntax.
    func graph(_ quads: [Quad], what: String) throws -> EndpointReply {
        guard let chosen = MediaTypeNegotiation.graphs.choose(from: acceptable) else {
            return notAcceptable(what, offers: MediaTypeNegotiation.graphs.names)
        }
        guard quads.count <= maxRows else {
            // A Graph Store GET has no query to add a LIMIT to.
            return what == Self.graphStoreGraph
                ? EndpointReply(status: .tooManyRows, message: "the graph has more than \(maxRows) triples, the server's limit; "
                                + "page through it with a CONSTRUCT query (GRAPH, LIMIT and OFFSET)")
                : tooManyRows("triples")
        }
        let body = BodyBuffer()
        if chosen.format == .ntriples {
            for quad in quads { body.append(Quad(quad.subject, quad.predicate, quad.object).nquads + "\n") }
        } else {
            body.append(try RDFSerializer.serialize(quads, format: chosen.format, prefixes: RDFSerializer.commonPrefixes))
        }
        return EndpointReply(status: .ok, mediaType: chosen.mediaType, body: body.data, count: quads.count)
    }

    private func notAcceptable(_ what: String, offers: String) -> EndpointReply {
        EndpointReply(status: .notAcceptable, message: "none of the acceptable media types (\(acceptable.joined(separator: ", "))) "
                      + "can carry \(what); available: \(offers)")
    }

    private func tooManyRows(_ what: String) -> EndpointReply {
        EndpointReply(status: .tooManyRows, message: "the answer has more than \(maxRows) \(what), the server's limit; "
                      + "add a LIMIT (and OFFSET to page through it)")
    }
}

/// A growing reply body that writers append text to.
final class BodyBuffer {
    private(set) var data = Data()

    func append(_ text: String) { data.append(contentsOf: text.utf8) }
}
