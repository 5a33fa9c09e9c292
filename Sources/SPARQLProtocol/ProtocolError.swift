/// A request the endpoint refuses before any worker sees it: the HTTP status, a message for the
/// client (sent as `text/plain`) and any headers the status calls for (`Allow`, `WWW-Authenticate`).
public struct ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String
    public var headers: [String: String]

    public init(status: Int, _ message: String, headers: [String: String] = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status) \(message)" }

    /// 400: the request is malformed.
    public static func badRequest(_ message: String) -> ProtocolError { ProtocolError(status: 400, message) }
    /// 405: the resource does not answer this method; `Allow` lists the ones it does.
    public static func methodNotAllowed(_ method: String, allowed: [String]) -> ProtocolError {
        ProtocolError(status: 405, "method \(method) is not allowed here; use \(allowed.joined(separator: ", "))",
                      headers: ["Allow": allowed.joined(separator: ", ")])
    }
    /// 406: no format the client accepts can be produced.
    public static func notAcceptable(_ message: String) -> ProtocolError { ProtocolError(status: 406, message) }
    /// 413: the request exceeds a configured size limit.
    public static func tooLarge(_ message: String) -> ProtocolError { ProtocolError(status: 413, message) }
    /// 415: the body's Content-Type is not one this resource reads.
    public static func unsupportedMediaType(_ message: String) -> ProtocolError { ProtocolError(status: 415, message) }
}
