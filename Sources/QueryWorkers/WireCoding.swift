import Foundation
import SPARQLProtocol

/// How requests and replies travel in frames: their fields in a fixed order (`WireWriter`), a
/// reply's body last and as it is. JSON cost 30–50 µs per request at each end (and Base64 for
/// every result body), a tenth of a point lookup at the endpoint.
enum WireCoding {
    static func encodeRequest(_ request: WorkerRequest) -> Data {
        var writer = WireWriter()
        switch request {
        case .sparql(let request):
            writer.byte(0)
            write(request.operation, to: &writer)
            writer.texts(request.defaultGraphURIs)
            writer.texts(request.namedGraphURIs)
            writer.texts(request.acceptable)
            writer.optional(request.baseIRI) { $0.text($1) }
        case .extract(let post):
            writer.byte(1)
            writer.text(post.text)
            writer.optional(post.id) { $0.text($1) }
            writer.optional(post.image) { $0.bytes($1) }
            writer.text(post.format)
            writer.byte(post.store ? 1 : 0)
        }
        return writer.data
    }

    static func decodeRequest(_ payload: Data) throws -> WorkerRequest {
        var reader = WireReader(payload)
        switch try reader.byte() {
        case 0:
            let operation = try readOperation(&reader)
            return .sparql(EndpointRequest(operation: operation, defaultGraphURIs: try reader.texts(), namedGraphURIs: try reader.texts(),
                                           acceptable: try reader.texts(), baseIRI: try reader.optional { try $0.text() }))
        case 1:
            return .extract(PostExtractionRequest(text: try reader.text(), id: try reader.optional { try $0.text() },
                                                  image: try reader.optional { try $0.bytes() }, format: try reader.text(),
                                                  store: try reader.byte() == 1))
        default:
            throw WireReader.Malformed()
        }
    }

    static func encodeReply(_ reply: EndpointReply) -> Data {
        var writer = WireWriter()
        writer.text(reply.status.rawValue)
        writer.text(reply.mediaType)
        writer.text(reply.message)
        writer.integer(Int64(reply.count))
        writer.rest(reply.body)
        return writer.data
    }

    /// The reply `encodeReply` made; nil when `payload` is not one.
    static func decodeReply(_ payload: Data) -> EndpointReply? {
        var reader = WireReader(payload)
        guard let status = (try? reader.text()).flatMap(EndpointStatus.init(rawValue:)), let mediaType = try? reader.text(),
              let message = try? reader.text(), let count = try? reader.integer() else { return nil }
        return EndpointReply(status: status, mediaType: mediaType, body: reader.rest(), message: message, count: Int(count))
    }

    private static func write(_ operation: EndpointOperation, to writer: inout WireWriter) {
        switch operation {
        case .query(let text):
            writer.byte(0)
            writer.text(text)
        case .update(let text):
            writer.byte(1)
            writer.text(text)
        case .graphGet(let graph):
            writer.byte(2)
            writer.optional(graph) { $0.text($1) }
        case .graphPut(let graph, let body, let mediaType), .graphPost(let graph, let body, let mediaType):
            if case .graphPut = operation { writer.byte(3) } else { writer.byte(4) }
            writer.optional(graph) { $0.text($1) }
            writer.bytes(body)
            writer.text(mediaType)
        case .graphDelete(let graph):
            writer.byte(5)
            writer.optional(graph) { $0.text($1) }
        }
    }

    private static func readOperation(_ reader: inout WireReader) throws -> EndpointOperation {
        let tag = try reader.byte()
        switch tag {
        case 0: return .query(try reader.text())
        case 1: return .update(try reader.text())
        case 2: return .graphGet(graph: try reader.optional { try $0.text() })
        case 3, 4:
            let graph = try reader.optional { try $0.text() }
            let body = try reader.bytes(), mediaType = try reader.text()
            return tag == 3 ? .graphPut(graph: graph, body: body, mediaType: mediaType) : .graphPost(graph: graph, body: body, mediaType: mediaType)
        case 5: return .graphDelete(graph: try reader.optional { try $0.text() })
        default: throw WireReader.Malformed()
        }
    }
}
