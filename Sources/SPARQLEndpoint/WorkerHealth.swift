import Foundation
import QueryWorkers

/// How many worker processes are up, followed from the pool's events: a worker killed at its
/// time limit or lost to a crash is down until the pool reports its replacement.
final class WorkerHealth: @unchecked Sendable {  // every field is behind `lock`
    private let lock = NSLock()
    private let configured: Int
    private var alive: Int
    private var restarted = 0
    let started = ContinuousClock.now

    init(configured: Int) {
        self.configured = configured
        alive = configured
    }

    func record(_ event: WorkerEvent) {
        lock.withLock {
            switch event {
            case .timedOut, .crashed: alive = max(0, alive - 1)
            case .restarted: alive = min(configured, alive + 1); restarted += 1
            }
        }
    }

    /// The `/health` document.
    func report(store: String) -> HealthReport {
        lock.withLock {
            HealthReport(status: alive > 0 ? "ok" : "degraded", store: store, workersConfigured: configured, workersAlive: alive,
                         workersRestarted: restarted, uptimeSeconds: (ContinuousClock.now - started).milliseconds / 1000)
        }
    }
}

/// The body of `/health`.
struct HealthReport: Codable, Sendable {
    var status: String
    var store: String
    var workersConfigured: Int
    var workersAlive: Int
    var workersRestarted: Int
    var uptimeSeconds: Double
}
