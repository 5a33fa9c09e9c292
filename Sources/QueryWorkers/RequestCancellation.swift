import Foundation

/// Stops one request of `WorkerPool`, from any thread: a request waiting in line leaves the line;
/// a running one has its worker killed (the only way to stop rasqal), which is then replaced like
/// any lost worker. The endpoint cancels the reads of clients that went away; cancelling the task
/// that called `WorkerPool.execute` does the same.
public final class RequestCancellation: @unchecked Sendable {  // every field is behind `lock`
    private let lock = NSLock()
    private var cancelled = false
    private var action: (@Sendable () -> Void)?

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Cancels the request; later calls do nothing.
    public func cancel() {
        // The action runs under the lock, so that once `finish` has returned, no kill can reach a
        // worker that has gone on to another request.
        lock.withLock {
            guard !cancelled else { return }
            cancelled = true
            action?()
            action = nil
        }
    }

    /// Makes `action` what cancelling does from now on; false, with nothing set, when the request
    /// was cancelled already.
    func onCancel(_ action: @escaping @Sendable () -> Void) -> Bool {
        lock.withLock {
            guard !cancelled else { return false }
            self.action = action
            return true
        }
    }

    /// Records that the request now runs on `worker`; false when it was already cancelled.
    func start(on worker: WorkerProcess) -> Bool {
        onCancel { worker.kill() }
    }

    /// The request no longer waits or runs: cancelling it has nothing left to stop.
    func finish() {
        lock.withLock { action = nil }
    }
}
