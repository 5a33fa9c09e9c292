/// What SPARQL Update / LOAD / SERVICE may reach.
public struct UpdatePolicy: Sendable {
    /// IRI prefixes that LOAD may fetch (http/https only; never file:); empty = LOAD refused.
    public var loadAllowList: [String]
    /// Largest document LOAD reads, in bytes.
    public var maxLoadBytes: Int
    /// How long LOAD waits for a document, in seconds.
    public var loadTimeout: Double

    public init(loadAllowList: [String] = [], maxLoadBytes: Int = 64 << 20, loadTimeout: Double = 30) {
        self.loadAllowList = loadAllowList
        self.maxLoadBytes = maxLoadBytes
        self.loadTimeout = loadTimeout
    }

    /// Whether LOAD may fetch `iri`: an http(s) IRI that starts with an allow-listed http(s)
    /// prefix at a boundary (the prefix ends in `/`, or the IRI goes on with `/`, `?`, `#` or
    /// ends), so `http://example.org` admits neither `http://example.org.evil/` nor
    /// `http://example.org@evil/`.
    public func allowsLoad(of iri: String) -> Bool {
        guard Self.isFetchable(iri) else { return false }
        return loadAllowList.contains { prefix in
            guard Self.isFetchable(prefix), iri.hasPrefix(prefix) else { return false }
            guard !prefix.hasSuffix("/"), let next = iri.dropFirst(prefix.count).first else { return true }
            return "/?#".contains(next)
        }
    }

    /// Whether `iri` is http(s), the only schemes LOAD fetches.
    static func isFetchable(_ iri: String) -> Bool {
        let lower = iri.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}

/// What an update changed.
public struct UpdateSummary: Sendable, Equatable {
    public var inserted: Int
    public var deleted: Int

    public init(inserted: Int = 0, deleted: Int = 0) {
        self.inserted = inserted
        self.deleted = deleted
    }
}

/// LOAD (or another operation) refused by policy; the message names the target.
public struct UpdateRefused: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A Graph Store body in a media type that cannot hold one graph (or that CoAttKG cannot read).
public struct UnsupportedMediaType: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// An update the store cannot carry out as asked (DROP of a graph that does not exist, a LOAD
/// whose document cannot be read, a body that is not UTF-8): the request is at fault, and
/// nothing was changed.
public struct UpdateError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
