import Foundation
import Hummingbird
import QueryWorkers
import SPARQLProtocol

/// The handlers of `/sparql` and `/rdf-graphs`: read the request within the size limit, decode it
/// (SPARQLProtocol), check the token for writes, run it on the worker pool and send its reply.
/// They never throw: every outcome is an HTTP answer with a message.
struct ProtocolHandlers: Sendable {
    let pool: WorkerPool
    /// Cancels the reads of clients that have gone away.
    let watch: ConnectionWatch
    let limits: EndpointLimits
    let authorization: WriteAuthorization
    /// `host:port` for the service description when the request names no Host.
    let fallbackAuthority: String
    /// Whether SERVICE may ask some endpoint, for the service description.
    let federates: Bool

    func sparql(_ request: Request, context: EndpointRequestContext) async -> Response {
        context.access.operation = "invalid"
        do throws(ProtocolError) {
            let decoded = try SPARQLRequestDecoder(limits: limits).decode(try await protocolRequest(request))
            switch decoded {
            case .serviceDescription:
                context.access.operation = "service-description"
                return serviceDescription(for: request)
            case .operation(var operation):
                // Relative IRIs resolve against the endpoint, not against the server's directory.
                operation.baseIRI = serviceIRI(for: request)
                return try await run(operation, request: request, context: context)
            }
        } catch {
            return Response(ProtocolResponse(error))
        }
    }

    func graphStore(_ request: Request, context: EndpointRequestContext) async -> Response {
        context.access.operation = "invalid"
        do throws(ProtocolError) {
            let operation = try GraphStoreRequestDecoder(limits: limits).decode(try await protocolRequest(request))
            var response = try await run(operation, request: request, context: context)
            if request.method == .head {
                // HEAD: GET's headers, its length included, without the body.
                let length = response.body.contentLength ?? 0
                response.body = ResponseBody()  // (resets Content-Length)
                response.headers[.contentLength] = String(length)
            }
            return response
        } catch {
            return Response(ProtocolResponse(error))
        }
    }

    /// `OPTIONS` without an `Origin` (a browser's preflight is answered by the CORS middleware).
    func options(allowing methods: [String]) -> Response {
        Response(ProtocolResponse(status: 204, headers: ["Allow": methods.joined(separator: ", ")]))
    }

    private func run(_ operation: EndpointRequest, request: Request, context: EndpointRequestContext) async throws(ProtocolError) -> Response {
        context.access.operation = operation.operation.label
        if operation.operation.writes {
            try authorization.check(authorization: request.headers[.authorization])
        }
        let reply: EndpointReply
        if operation.operation.writes {
            // A write runs to its end even if its client leaves: a client may send an update and
            // not wait, and a killed write would be silently undone.
            reply = await pool.execute(operation)
        } else {
            guard let answer = await watch.unlessClientLeaves(context.connection, { await pool.execute(operation, cancellation: $0) }) else {
                return ClientConnection.closedRequest
            }
            reply = answer
        }
        if reply.status == .ok { context.access.count = reply.count }
        return Response(ProtocolResponse(reply, limits: limits))
    }

    /// The framework-free view of the request, its body read up to the size limit.
    func protocolRequest(_ request: Request) async throws(ProtocolError) -> ProtocolRequest {
        let tooLarge = ProtocolError.tooLarge("the request body is larger than the limit of \(limits.maxBodyBytes) bytes")
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limits.maxBodyBytes { throw tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw .badRequest("the request body could not be read: \(error)")
        }
        return ProtocolRequest(method: request.method.rawValue, query: request.uri.query,
                               contentType: request.headers[.contentType],
                               accept: request.headers[values: .accept].joined(separator: ", "),
                               body: Data(body.readableBytesView))
    }

    /// `http://HOST:PORT/sparql` as the client addressed it.
    private func serviceIRI(for request: Request) -> String {
        // The Host header is the client's: use it only when it is a plain host[:port].
        let authority = request.head.authority.flatMap { host in
            host.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || "0123456789.-:[]".unicodeScalars.contains($0) } ? host : nil
        } ?? fallbackAuthority
        return "http://\(authority)/sparql"
    }

    private func serviceDescription(for request: Request) -> Response {
        let description = ServiceDescription(endpoint: serviceIRI(for: request), updates: authorization.writable,
                                             federates: federates)
        return Response(ProtocolResponse(status: 200, headers: ["Content-Type": "text/turtle; charset=utf-8"],
                                         body: Data(description.turtle.utf8)))
    }
}
