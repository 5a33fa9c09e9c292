import CompressNIO
import Hummingbird
import NIOCore
import SPARQLProtocol

/// Sends bodies of 1 KiB or more gzip-compressed to clients whose `Accept-Encoding` allows it
/// (SPARQL results, RDF graphs, the page), with `Vary: Accept-Encoding` on every response that
/// could have been compressed so caches keep both forms apart. Every body the endpoint makes is
/// already in memory, so it is compressed whole and keeps its `Content-Length`.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = EndpointRequestContext

    /// Below this, gzip's 18-byte frame and the CPU time outweigh the bytes saved.
    static let minimumBytes = 1024
    /// gzip at zlib's fastest level (the server process compresses, on the cores that also run the
    /// queries, and level 1 already shrinks SPARQL JSON several times), with a window and hash
    /// table no larger than the body: zlib clears its tables for every stream, and at the default
    /// sizes that cost more than compressing a point lookup's 3 KB.
    static func algorithm(forBytes length: Int) -> CompressionAlgorithm {
        let windowBits = Int32(min(15, max(9, Int.bitWidth - (length - 1).leadingZeroBitCount)))
        return .gzip(configuration: .init(windowSize: windowBits, compressionLevel: 1, memoryLevel: max(1, min(8, windowBits - 7))))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method != .head, response.headers[.contentEncoding] == nil,
              let length = response.body.contentLength, length >= Self.minimumBytes else { return response }
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        guard ContentCoding.acceptsGzip(request.headers[values: .acceptEncoding].joined(separator: ", ")) else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        response.body = ResponseBody(byteBuffer: try collector.buffer.compress(with: Self.algorithm(forBytes: length)))
        response.headers[.contentEncoding] = "gzip"
        return response
    }
}

/// Receives a response body in memory.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        buffer.writeImmutableBuffer(part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
