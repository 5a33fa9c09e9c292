import Foundation
import Hummingbird
import QueryWorkers
import SPARQLProtocol

/// `POST /extract` (issue 7, part 4): a post's entities recognised and linked by a worker's
/// tagger, answered as the post's RDF in the negotiated format and, with the update token and
/// `store=true`, stored as the post's named graph (replaced in one transaction, so `/sparql` sees
/// it at once). Never throws: every outcome is an HTTP answer with a message.
struct ExtractHandler: Sendable {
    /// Reads bodies within the limit, checks the token, and owns the worker pool.
    let protocolHandlers: ProtocolHandlers
    /// Whether the workers loaded a tagger (`coatt serve --ner-model`).
    let enabled: Bool

    /// The header saying whether an uploaded image was used: `used`, or `not used: WHY`.
    static let imageHeader = "CoAtt-Image"

    func extract(_ request: Request, context: EndpointRequestContext) async -> Response {
        context.access.operation = "extract"
        guard enabled else {
            return .text(501, "this endpoint extracts nothing: it was started without --ner-model (coatt serve --ner-model DIR)")
        }
        guard request.method == .post else {
            return Response(ProtocolResponse(.methodNotAllowed(request.method.rawValue, allowed: ["POST"])))
        }
        do throws(ProtocolError) {
            let post = try ExtractRequestDecoder().decode(try await protocolHandlers.protocolRequest(request))
            // Checked before any work, so a refused store writes nothing.
            if post.store { try protocolHandlers.authorization.check(authorization: request.headers[.authorization]) }
            // Not abandoned when its client leaves, unlike a query: one post is milliseconds of work,
            // and a killed worker reloads its tagger and linker (seconds), which clients that post and
            // hang up could make the server do again and again.
            let reply = await protocolHandlers.pool.extract(post)
            guard reply.status == .ok else { return Response(ProtocolResponse(reply, limits: protocolHandlers.limits)) }
            context.access.count = reply.count
            var headers = ["Content-Type": ExtractRequestDecoder.mediaType(of: post.format), "Vary": "Accept"]
            if post.image != nil {
                headers[Self.imageHeader] = reply.message.isEmpty ? "used" : "not used: " + Self.headerSafe(reply.message)
            }
            return Response(ProtocolResponse(status: 200, headers: headers, body: reply.body))
        } catch {
            return Response(ProtocolResponse(error))
        }
    }

    /// A message as a header value: printable ASCII only, at most 300 characters.
    private static func headerSafe(_ message: String) -> String {
        String(String.UnicodeScalarView(message.unicodeScalars.map { (0x20..<0x7F).contains($0.value) ? $0 : "?" }).prefix(300))
    }
}
