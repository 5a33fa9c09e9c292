import Foundation

/// Lets the caller of `WorkerPool.execute` stop its request by cancelling its task (a client
/// that went away): the worker running the request is killed, which is the only way to stop
/// rasqal, and then replaced like any lost worker.
final class RequestCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var running: WorkerProcess?

    var isCancelled: Bool { lock.withLock { cancelled } }

    /// Records that the request now runs on `worker`; false when it was already cancelled.
    func start(on worker: WorkerProcess) -> Bool {
        lock.withLock {
            guard !cancelled else { return false }
            running = worker
            return true
        }
    }

    /// The request no longer runs on a worker.
    func finish() {
        lock.withLock { running = nil }
    }

    func cancel() {
        lock.withLock {
            cancelled = true
            running?.kill()
        }
    }
}
