import QueryWorkers
import SPARQLProtocol

/// Everything `coatt serve` decides before the endpoint starts.
public struct EndpointConfiguration: Sendable {
    /// Address to listen on; `127.0.0.1` keeps the endpoint on this machine.
    public var host: String
    /// Port to listen on; 0 lets the system pick a free one (the listening URL says which).
    public var port: Int
    /// Size, time, row and concurrency limits.
    public var limits: EndpointLimits
    /// The bearer token writes need; nil makes a read-only endpoint.
    public var updateToken: String?
    /// `Access-Control-Allow-Origin` for browsers: `*` (any origin) or one origin.
    public var corsOrigin: String
    /// The store as `/health` names it.
    public var storeDescription: String
    /// How to start the worker processes.
    public var pool: WorkerPoolConfiguration
    /// Whether the workers load a tagger, so that `POST /extract` is served.
    public var extracts: Bool
    /// Whether SERVICE may ask some endpoint (the service description says so).
    public var federates: Bool

    public init(host: String = "127.0.0.1", port: Int = 7070, limits: EndpointLimits = EndpointLimits(), updateToken: String? = nil,
                corsOrigin: String = "*", storeDescription: String, extracts: Bool = false, federates: Bool = false,
                pool: WorkerPoolConfiguration) {
        self.host = host
        self.port = port
        self.limits = limits
        self.updateToken = updateToken
        self.corsOrigin = corsOrigin
        self.storeDescription = storeDescription
        self.pool = pool
        self.extracts = extracts
        self.federates = federates
    }
}
