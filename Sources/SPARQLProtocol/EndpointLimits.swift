import Foundation

/// The limits that keep one client from exhausting the endpoint. The HTTP layer enforces the
/// sizes; the worker pool enforces time, rows and concurrency.
public struct EndpointLimits: Sendable, Equatable {
    /// Largest request body accepted (HTTP 413 beyond). Default 1 MiB.
    public var maxBodyBytes: Int
    /// Longest query or update text in Unicode scalars (HTTP 413 beyond; a length limit is a size
    /// limit, whether the text came in the URL or the body). Default 65,536.
    public var maxQueryLength: Int
    /// Wall-time limit of one request in a worker (HTTP 503 when exceeded). Default 30 s.
    public var timeout: Duration
    /// Most result rows of a SELECT (HTTP 400 beyond: results are never silently truncated).
    /// Default 1,000,000.
    public var maxRows: Int
    /// Reader worker processes, so queries that run at once. Default 2 × active cores.
    public var readers: Int

    public static let defaultMaxBodyBytes = 1 << 20
    public static let defaultMaxQueryLength = 64 << 10
    public static let defaultTimeout = Duration.seconds(30)
    public static let defaultMaxRows = 1_000_000
    public static var defaultReaders: Int { 2 * ProcessInfo.processInfo.activeProcessorCount }
    /// The most reader processes a server may be given: 16 per core, at least 64. Each is a
    /// process with the store open (and the tagger, with --ner-model); queries are CPU work, so
    /// more only wait their turn, and a mistyped count would start processes without end.
    public static var maxReaders: Int { max(64, 16 * ProcessInfo.processInfo.activeProcessorCount) }

    public init(maxBodyBytes: Int = defaultMaxBodyBytes, maxQueryLength: Int = defaultMaxQueryLength,
                timeout: Duration = defaultTimeout, maxRows: Int = defaultMaxRows, readers: Int = defaultReaders) {
        self.maxBodyBytes = maxBodyBytes
        self.maxQueryLength = maxQueryLength
        self.timeout = timeout
        self.maxRows = maxRows
        self.readers = readers
    }

    /// The timeout in whole seconds (or with a fraction when below one), for messages.
    public var timeoutDescription: String {
        let (seconds, attoseconds) = timeout.components
        if attoseconds == 0 { return "\(seconds) s" }
        return String(format: "%.3g s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
