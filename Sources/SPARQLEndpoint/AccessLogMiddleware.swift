import Hummingbird
import Logging

/// Logs one structured line per request (method, path, operation, status, milliseconds, bytes
/// sent, rows) and feeds the request metrics. Never logs headers or bodies, so neither the update
/// token nor client data reach the log.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = EndpointRequestContext
    let logger: Logger
    let metrics: EndpointMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        metrics.requestStarted()
        do {
            let response = try await next(request, context)
            finish(request, context: context, status: response.status.code, bytes: response.body.contentLength, since: start)
            return response
        } catch {
            // Errors from the router itself (an unknown path: 404); the handlers never throw.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            finish(request, context: context, status: status, bytes: nil, since: start)
            throw error
        }
    }

    private func finish(_ request: Request, context: Context, status: Int, bytes: Int?, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let operation = context.access.operation
        metrics.requestFinished(operation: operation, status: status, duration: elapsed)
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)",
            "operation": "\(operation)",
            "status": "\(status)",
            "ms": "\((elapsed.milliseconds * 10).rounded() / 10)",
        ]
        if let bytes { metadata["bytes"] = "\(bytes)" }
        if let count = context.access.count { metadata["rows"] = "\(count)" }
        logger.info("request", metadata: metadata)
    }
}
