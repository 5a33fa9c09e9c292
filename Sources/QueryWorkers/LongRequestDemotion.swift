import Foundation

/// Lowers the CPU priority (nice 19) of a worker whose request has run longer than a threshold,
/// and restores its own priority afterwards.
///
/// On two cores a runaway query would otherwise take a whole core until its deadline, and point
/// lookups on the other workers would queue behind it for CPU. Demoted, it still uses whatever
/// CPU is idle, but the scheduler gives short requests the cores first.
final class LongRequestDemotion: @unchecked Sendable {
    private let pid: pid_t
    private let lock = NSLock()
    private var finished = false
    /// The priority to give back, once demoted.
    private var original: Int32?

    /// Starts the clock for the request now running on `pid`.
    init(pid: pid_t, after threshold: Duration) {
        self.pid = pid
        let (seconds, attoseconds) = threshold.components
        let delay = Double(seconds) + Double(attoseconds) * 1e-18
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            lock.withLock {
                guard !finished else { return }
                original = ProcessPriority.lower(pid)
            }
        }
    }

    /// Ends the request. Returns false when the worker stays demoted because its priority could
    /// not be raised again (raising needs CAP_SYS_NICE): the caller then replaces the worker.
    func finish() -> Bool {
        lock.withLock {
            finished = true
            guard let original else { return true }
            return ProcessPriority.restore(pid, to: original)
        }
    }
}
