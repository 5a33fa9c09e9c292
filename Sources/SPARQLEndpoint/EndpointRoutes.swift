import Foundation
import Hummingbird
import Logging
import SPARQLProtocol

/// The endpoint's routes and middleware.
enum EndpointRoutes {
    static func router(handlers: ProtocolHandlers, extract: ExtractHandler, metrics: EndpointMetrics, health: WorkerHealth,
                       configuration: EndpointConfiguration, logger: Logger) -> Router<EndpointRequestContext> {
        let router = Router(context: EndpointRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger, metrics: metrics))
        router.add(middleware: CORSMiddleware(
            allowOrigin: configuration.corsOrigin == "*" ? .all : .custom(configuration.corsOrigin),
            allowHeaders: [.accept, .authorization, .contentType, .origin],
            allowMethods: [.get, .post, .put, .delete, .head, .options],
            maxAge: .seconds(86400)))
        // Inside the access log, which then counts the bytes actually sent.
        router.add(middleware: CompressionMiddleware())

        route(router, "/sparql", allowed: SPARQLRequestDecoder.allowedMethods, handlers: handlers) { request, context in
            await handlers.sparql(request, context: context)
        }
        route(router, "/rdf-graphs", allowed: GraphStoreRequestDecoder.allowedMethods, handlers: handlers) { request, context in
            await handlers.graphStore(request, context: context)
        }

        route(router, "/extract", allowed: ["POST"], handlers: handlers) { request, context in
            await extract.extract(request, context: context)
        }
        readOnlyResource(router, "/", handlers: handlers) { _, context in
            context.access.operation = "page"
            return Response(ProtocolResponse(status: 200, headers: ["Content-Type": "text/html; charset=utf-8"],
                                             body: HomePage.html))
        }
        readOnlyResource(router, "/health", handlers: handlers) { _, context in
            context.access.operation = "health"
            let report = health.report(store: configuration.storeDescription)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let body = (try? encoder.encode(report)) ?? Data()
            return Response(ProtocolResponse(status: 200, headers: ["Content-Type": "application/json"], body: body))
        }
        readOnlyResource(router, "/metrics", handlers: handlers) { _, context in
            context.access.operation = "metrics"
            return Response(ProtocolResponse(status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                                             body: Data(metrics.exposition.utf8)))
        }
        for method in routedMethods + [.options] {
            router.on("**", method: method) { request, _ in
                Response.text(404, "nothing at \(request.uri.path): the endpoint serves /, /sparql, /extract, /rdf-graphs, /health and /metrics")
            }
        }
        return router
    }

    /// Methods routed to the protocol handlers whether or not the resource allows them, so that
    /// a wrong one gets the decoder's 405 with `Allow` rather than the router's bare 404.
    private static let routedMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch]

    /// Routes GET and HEAD on `path` to `handler` and OPTIONS to their list; any other method
    /// gets 405 with `Allow` rather than the router's bare 404.
    private static func readOnlyResource(_ router: Router<EndpointRequestContext>, _ path: RouterPath, handlers: ProtocolHandlers,
                                         _ handler: @escaping @Sendable (Request, EndpointRequestContext) async -> Response) {
        let readMethods: [HTTPRequest.Method] = [.get, .head]
        for method in readMethods { router.on(path, method: method, use: handler) }
        for method in routedMethods where !readMethods.contains(method) {
            router.on(path, method: method) { request, _ in
                Response(ProtocolResponse(.methodNotAllowed(request.method.rawValue, allowed: ["GET", "HEAD"])))
            }
        }
        router.on(path, method: .options) { _, _ in handlers.options(allowing: ["GET", "HEAD"]) }
    }

    /// Routes every method but OPTIONS on `path` to `handler`, and OPTIONS to the list of `allowed` ones.
    private static func route(_ router: Router<EndpointRequestContext>, _ path: RouterPath, allowed: [String], handlers: ProtocolHandlers,
                              _ handler: @escaping @Sendable (Request, EndpointRequestContext) async -> Response) {
        for method in routedMethods {
            router.on(path, method: method) { request, context in await handler(request, context) }
        }
        router.on(path, method: .options) { _, _ in handlers.options(allowing: allowed) }
    }
}
