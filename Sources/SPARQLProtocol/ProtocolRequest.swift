import Foundation

/// The parts of an HTTP request the protocol decoders read, free of any server framework.
public struct ProtocolRequest: Sendable, Equatable {
    /// The method in upper case (`GET`, `POST`, …).
    public var method: String
    /// The raw query string after `?`, still percent-encoded (nil when the URL has none).
    public var query: String?
    /// The `Content-Type` header.
    public var contentType: String?
    /// The `Accept` header.
    public var accept: String?
    /// The request body as received.
    public var body: Data

    public init(method: String, query: String? = nil, contentType: String? = nil, accept: String? = nil, body: Data = Data()) {
        self.method = method.uppercased()
        self.query = query
        self.contentType = contentType
        self.accept = accept
        self.body = body
    }
}
