/// Who may change the store: nobody when the server was started without an update token (a
/// read-only endpoint: 403), otherwise whoever sends `Authorization: Bearer <token>` (401 with a
/// `WWW-Authenticate` challenge when it is missing or wrong).
public struct WriteAuthorization: Sendable {
    private let token: [UInt8]?

    /// An empty token counts as none: an empty secret would let anyone write.
    public init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    /// Whether writes can ever be authorised.
    public var writable: Bool { token != nil }

    public static let realm = "coatt"

    /// Throws the refusal for a write request carrying this `Authorization` header.
    public func check(authorization: String?) throws(ProtocolError) {
        guard let token else {
            throw ProtocolError(status: 403, "read-only endpoint: the server was started without an update token")
        }
        guard let authorization, let presented = Self.bearerCredentials(authorization) else {
            throw ProtocolError(status: 401, "this request changes the store: send 'Authorization: Bearer <token>'",
                                headers: ["WWW-Authenticate": "Bearer realm=\"\(Self.realm)\""])
        }
        guard Self.constantTimeEquals(presented, token) else {
            throw ProtocolError(status: 401, "the update token is wrong",
                                headers: ["WWW-Authenticate": "Bearer realm=\"\(Self.realm)\", error=\"invalid_token\""])
        }
    }

    /// The credentials of a `Bearer` header (scheme case-insensitive), nil for other schemes.
    private static func bearerCredentials(_ header: String) -> [UInt8]? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return Array(parts[1].trimmingSpaces.utf8)
    }

    /// Compares without an early exit, so the time taken does not reveal how much of a guess
    /// matched (only whether the lengths differ, which a token's length does not make secret).
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
