import Foundation
import QueryWorkers
import ServiceLifecycle

/// Cancels the reads whose client has gone away, so that they stop their worker instead of
/// running to the time limit (rasqal has no cancel hook: REDLAND.md §5). One loop looks at every
/// watched connection each `interval`; a request costs only its registration, where a watcher
/// task per request cost about a tenth of the point-lookup throughput.
final class ConnectionWatch: Service, @unchecked Sendable {  // `watched` is behind `lock`
    private let interval: Duration
    private let lock = NSLock()
    private var watched: [ObjectIdentifier: (connection: ClientConnection, cancellation: RequestCancellation)] = [:]

    init(interval: Duration = .milliseconds(100)) {
        self.interval = interval
    }

    /// Runs `work` with a cancellation that is cancelled if the client closes `connection` first
    /// (`work` must then end promptly); nil when it was: nobody is left to answer.
    func unlessClientLeaves<T>(_ connection: ClientConnection, _ work: (RequestCancellation) async -> T) async -> T? {
        let cancellation = RequestCancellation()
        let key = ObjectIdentifier(cancellation)
        lock.withLock { watched[key] = (connection, cancellation) }
        let result = await work(cancellation)
        _ = lock.withLock { watched.removeValue(forKey: key) }
        return cancellation.isCancelled ? nil : result
    }

    /// Looks at the watched connections until graceful shutdown, when the server has finished its requests.
    func run() async throws {
        try? await cancelWhenGracefulShutdown { [self] in
            while true {
                try await Task.sleep(for: interval)
                for (connection, cancellation) in snapshot() where !(await connection.isOpen()) {
                    cancellation.cancel()
                }
            }
        }
    }

    private func snapshot() -> [(connection: ClientConnection, cancellation: RequestCancellation)] {
        lock.withLock { Array(watched.values) }
    }
}
