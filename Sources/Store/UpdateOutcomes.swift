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
