import Foundation

/// An HTTP answer in framework-free terms: what the server sends for a refused request or for a
/// worker's reply.
public struct ProtocolResponse: Sendable, Equatable {
    public var status: Int
    /// Header fields, `Content-Type` among them when there is a body.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static let plainText = "text/plain; charset=utf-8"

    /// A `text/plain` answer carrying `message`.
    public init(status: Int, message: String, headers: [String: String] = [:]) {
        self.init(status: status, headers: headers.merging(["Content-Type": Self.plainText]) { $1 },
                  body: Data((message + "\n").utf8))
    }

    /// The answer to a request refused by the protocol layer.
    public init(_ error: ProtocolError) {
        self.init(status: error.status, message: error.message, headers: error.headers)
    }

    /// The answer to a worker's reply. Successful writes without a body are 204; every failure is
    /// `text/plain` with the message (a timeout says what the limit was; a full queue, "server
    /// busy", is a 503 with `Retry-After`, since the client should simply try again).
    public init(_ reply: EndpointReply, limits: EndpointLimits) {
        switch reply.status {
        case .ok:
            if reply.body.isEmpty && reply.mediaType.isEmpty {
                self.init(status: 204)
            } else {
                // Its format was chosen by the Accept header: caches must keep the formats apart.
                self.init(status: 200, headers: ["Content-Type": reply.mediaType, "Vary": "Accept"], body: reply.body)
            }
        case .timeout:
            let limit = "the request ran past the time limit of \(limits.timeoutDescription) and was stopped"
            self.init(status: 503, message: reply.message.isEmpty ? limit : reply.message)
        case .failed where reply.message.localizedCaseInsensitiveContains("server busy"):
            self.init(status: 503, message: reply.message, headers: ["Retry-After": "1"])
        default:
            self.init(status: Self.httpStatus(reply.status), message: reply.message.isEmpty ? "\(reply.status)" : reply.message)
        }
    }

    /// The HTTP status of a worker status (before the special cases above).
    public static func httpStatus(_ status: EndpointStatus) -> Int {
        switch status {
        case .ok: return 200
        case .badRequest, .tooManyRows: return 400
        case .forbidden: return 403
        case .notFound: return 404
        case .notAcceptable: return 406
        case .tooLarge: return 413
        case .notImplemented: return 501
        case .badGateway: return 502
        case .timeout: return 503
        case .crashed, .failed: return 500
        }
    }
}
