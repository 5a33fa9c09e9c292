import Foundation
import Hummingbird
import Logging
import NIOCore
import QueryWorkers
import SPARQLProtocol
import ServiceLifecycle

/// The SPARQL endpoint: an HTTP server (Hummingbird) in front of a pool of worker processes.
/// The server process never runs Redland or rasqal; it decodes requests, checks limits and
/// permissions, and hands each operation to the pool.
public enum EndpointServer {
    /// Starts the workers, then serves until SIGTERM or SIGINT. Shutdown is graceful: the server
    /// stops accepting connections and finishes the requests in flight, then the pool ends its
    /// workers. Throws when the workers cannot start (a bad store path) or the port is taken.
    /// `listening` receives the endpoint's URL once the port is bound.
    public static func run(_ configuration: EndpointConfiguration, listening: @escaping @Sendable (String) -> Void) async throws {
        let logger = makeLogger()
        // Read-only is safe anywhere; a token sent over plain HTTP across a network can be sniffed.
        if configuration.updateToken != nil, !isLoopback(configuration.host) {
            logger.warning("updates are enabled on a non-loopback address over plain HTTP: the bearer token travels unencrypted; put a TLS proxy in front",
                           metadata: ["host": "\(configuration.host)"])
        }

        let metrics = EndpointMetrics()
        let health = WorkerHealth(configured: configuration.pool.readers + 1)
        let pool = try await WorkerPool(configuration.pool) { event in
            metrics.record(event)
            health.record(event)
            switch event {
            case .timedOut, .crashed: logger.warning("worker \(event); replacing it")
            case .restarted: logger.info("worker restarted")
            }
        }
        let watch = ConnectionWatch()
        let handlers = ProtocolHandlers(pool: pool, watch: watch, limits: configuration.limits,
                                        authorization: WriteAuthorization(token: configuration.updateToken),
                                        fallbackAuthority: "\(configuration.host):\(configuration.port)",
                                        federates: configuration.federates)
        let router = EndpointRoutes.router(handlers: handlers, extract: ExtractHandler(protocolHandlers: handlers, enabled: configuration.extracts),
                                           metrics: metrics, health: health, configuration: configuration, logger: logger)
        let application = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler(maxBodyBytes: configuration.limits.maxBodyBytes)])),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "coatt"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                listening("http://\(host):\(port)/sparql")
            },
            logger: logger)
        // Services shut down in reverse order: the server drains its requests first, then the
        // watch and the pool stop.
        let group = ServiceGroup(configuration: .init(services: [PoolService(pool: pool, logger: logger), watch, application],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        // A failure (the port is taken) cancels the group, which also ends the pool's service.
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw PortInUse(host: configuration.host, port: configuration.port)
        }
    }

    /// The endpoint's logger, at `$LOG_LEVEL` (default info: one line per request).
    private static func makeLogger() -> Logger {
        var logger = Logger(label: "coatt.endpoint")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Keeps the worker pool for the life of the service group and shuts it down on graceful
/// shutdown (after the HTTP server, which comes later in the group, has finished its requests)
/// or when the group is cancelled.
struct PoolService: Service {
    let pool: WorkerPool
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
        logger.info("stopped: every request answered, every worker ended")
    }
}

/// The address `coatt serve` was to listen on is taken.
public struct PortInUse: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    public var description: String {
        "\(host) port \(port) is in use (another server?): choose another with --port, or --port 0 for any free one"
    }
}
