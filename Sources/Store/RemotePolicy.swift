/// What LOAD and SERVICE may reach, and how much they may bring back.
public struct RemotePolicy: Sendable {
    /// IRI prefixes that LOAD may fetch and SERVICE may ask (http/https only; never file:);
    /// empty = both refused.
    public var allowList: [String]
    /// Largest document LOAD reads, or SERVICE answer, in bytes.
    public var maxBytes: Int
    /// How long LOAD waits for a document, and SERVICE for an answer, in seconds.
    public var timeout: Double
    /// Most solutions one SERVICE block may bring back (beyond: the query fails).
    public var maxServiceRows: Int
    /// Where to send what SERVICE <IRI> asks, by IRI, instead of to the IRI itself (a local
    /// mirror of a public endpoint); the allow-list still applies to the IRI.
    public var serviceURLs: [String: String]

    public init(allowList: [String] = [], maxBytes: Int = 64 << 20, timeout: Double = 30,
                maxServiceRows: Int = 100_000, serviceURLs: [String: String] = [:]) {
        self.allowList = allowList
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxServiceRows = maxServiceRows
        self.serviceURLs = serviceURLs
    }

    /// Whether LOAD may fetch, or SERVICE ask, `iri`: an http(s) IRI that starts with an
    /// allow-listed http(s) prefix at a boundary (the prefix ends in `/`, or the IRI goes on with
    /// `/`, `?`, `#` or ends), so `http://example.org` admits neither `http://example.org.evil/`
    /// nor `http://example.org@evil/`.
    public func allows(_ iri: String) -> Bool {
        guard Self.isFetchable(iri) else { return false }
        return allowList.contains { prefix in
            guard Self.isFetchable(prefix), iri.hasPrefix(prefix) else { return false }
            guard !prefix.hasSuffix("/"), let next = iri.dropFirst(prefix.count).first else { return true }
            return "/?#".contains(next)
        }
    }

    /// Whether `iri` is http(s), the only schemes LOAD fetches and SERVICE asks.
    static func isFetchable(_ iri: String) -> Bool {
        let lower = iri.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
