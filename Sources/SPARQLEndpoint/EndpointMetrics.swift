import Metrics
import Prometheus
import QueryWorkers

/// The endpoint's Prometheus metrics, recorded through swift-metrics into a registry of its own
/// (not the process-wide one, so that nothing else's metrics leak into `/metrics`).
final class EndpointMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let inFlight: Metrics.Meter
    private let timeouts: Metrics.Counter
    private let crashes: Metrics.Counter
    private let restarts: Metrics.Counter

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Queries take from a millisecond to the time limit (30 s by default).
        factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                                   .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                                   .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
                                                   .seconds(10), .seconds(30), .seconds(60)]
        self.factory = factory
        inFlight = Metrics.Meter(label: "sparql_requests_in_flight", factory: factory)
        timeouts = Metrics.Counter(label: "sparql_timeouts_total", factory: factory)
        crashes = Metrics.Counter(label: "sparql_worker_crashes_total", factory: factory)
        restarts = Metrics.Counter(label: "sparql_workers_restarted_total", factory: factory)
        // Present from the start, so a scrape shows 0 rather than nothing.
        for counter in [timeouts, crashes, restarts] { counter.increment(by: 0) }
        inFlight.set(0)
    }

    func requestStarted() { inFlight.increment() }

    /// Counts a finished request by operation and status, and its latency by operation.
    func requestFinished(operation: String, status: Int, duration: Duration) {
        inFlight.decrement()
        Metrics.Counter(label: "sparql_requests_total", dimensions: [("operation", operation), ("status", String(status))], factory: factory)
            .increment()
        Metrics.Timer(label: "sparql_request_duration_seconds", dimensions: [("operation", operation)], factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }

    /// Counts what the pool did to its workers.
    func record(_ event: WorkerEvent) {
        switch event {
        case .timedOut: timeouts.increment()
        case .crashed: crashes.increment()
        case .restarted: restarts.increment()
        }
    }

    /// Every metric in the Prometheus text format.
    var exposition: String { registry.emitToString() }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Double { Double(nanoseconds) / 1e6 }
}
