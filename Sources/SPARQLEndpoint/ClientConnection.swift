import Foundation
import Hummingbird
import NIOCore

/// The connection a request came on, to tell whether its client is still there.
struct ClientConnection: Sendable {
    /// The status logged for a request whose client closed the connection before the answer
    /// (nginx's 499): nobody receives it, but the access log and the metrics count it.
    static let closedRequest = Response(status: .init(code: 499, reasonPhrase: "Client Closed Request"))

    private let channel: any Channel

    init(_ source: ApplicationRequestContextSource) {
        channel = source.channel
    }

    /// Whether the client still holds its end open. While a request is answered, NIO's HTTP/1
    /// pipeline stops reading the socket, so the client's FIN is never read and the channel stays
    /// active; the kernel's TCP state says it at once (CLOSE_WAIT after a FIN, CLOSE after a reset).
    func isOpen() async -> Bool {
        guard channel.isActive else { return false }
        #if os(Linux)
        if let socket = channel as? SocketOptionProvider, let info = try? await socket.getTCPInfo().get() {
            return Int32(info.tcpi_state) == Int32(TCP_ESTABLISHED)
        }
        #endif
        return true
    }
}
