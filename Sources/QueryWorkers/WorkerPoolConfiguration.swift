import Foundation

/// How a `WorkerPool` starts and limits its workers.
public struct WorkerPoolConfiguration: Sendable {
    /// Path of the coatt binary (the server passes its own, /proc/self/exe resolved).
    public var executable: String
    /// The worker's command line after the executable, e.g. `["serve-worker", "--store", PATH,
    /// "--max-rows", "100000", "--allow", PREFIX]`. The pool gives the worker its pipes on fds 3
    /// (requests) and 4 (replies), `serve-worker`'s defaults.
    public var workerArguments: [String]
    /// Reader worker processes (queries and Graph Store GET); one more process is the writer.
    public var readers: Int
    /// Per-request wall-time limit, from the moment a worker takes the request.
    public var timeout: Duration
    /// Requests that may wait for a reader (and, separately, for the writer) before the pool
    /// answers "server busy".
    public var queueLimit: Int
    /// A request running longer than this yields the CPU to shorter ones until it ends (its worker
    /// at SCHED_IDLE, and paused while any short request is in flight), so short requests keep
    /// their latency next to a long one.
    public var demoteAfter: Duration
    /// How long a new worker may take to start (open the store, load a tagger); not counted in
    /// a request's time limit. Default 30 s.
    public var startupLimit: Duration

    public init(executable: String, workerArguments: [String],
                readers: Int = 2 * ProcessInfo.processInfo.activeProcessorCount, timeout: Duration = .seconds(30)) {
        self.executable = executable
        self.workerArguments = workerArguments
        self.readers = max(1, readers)
        self.timeout = timeout
        queueLimit = 1024
        demoteAfter = .milliseconds(10)
        startupLimit = WorkerProcess.startupLimit
    }
}

/// Something the pool did to a worker, for logs and metrics.
public enum WorkerEvent: Sendable {
    /// A request ran past the timeout; its worker was killed.
    case timedOut
    /// A worker died (or broke the protocol) during a request.
    case crashed
    /// A replacement worker was started.
    case restarted
}
