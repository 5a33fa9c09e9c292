import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange over URLSession, for tests that talk to the endpoint as a client does.
struct HTTPResult {
    let status: Int
    /// Header fields by lower-cased name.
    let headers: [String: String]
    let body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The media type of the body without parameters.
    var mediaType: String { headers["content-type"].map { String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces) } ?? "" }
}

enum HTTP {
    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    static func send(_ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil) async throws -> HTTPResult {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return HTTPResult(status: http.statusCode, headers: fields, body: data)
    }

    /// A TCP connection of its own to `target`'s host and port (IPv4); the caller closes it.
    private static func connectedSocket(to target: URL) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(target.port!).bigEndian)
        address.sin_addr.s_addr = inet_addr(target.host!)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        return descriptor
    }

    /// Sends a POST of `body` to `url` over a connection of its own and closes the connection
    /// after `patience` without reading the answer: a client that gives up.
    static func postAndHangUp(_ url: String, contentType: String, body: String, patience: Duration) async throws {
        let target = URL(string: url)!
        let descriptor = try connectedSocket(to: target)
        defer { close(descriptor) }
        let request = "POST \(target.path) HTTP/1.1\r\nHost: \(target.host!)\r\nContent-Type: \(contentType)\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        guard Array(request.utf8).withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == request.utf8.count else {
            throw POSIXError(.EIO)
        }
        try await Task.sleep(for: patience)
    }

    /// POSTs `body` to `url` over a connection of its own as curl does a large body: the head with
    /// `Expect: 100-continue` first, the body only once the server has answered (or after
    /// `patience`; not at all when the server gave its final answer first). Returns what the server
    /// sent before the body, and all it sent after.
    static func postExpectingContinue(_ url: String, contentType: String, body: String,
                                      patience: Duration) async throws -> (beforeBody: String, afterBody: String) {
        let target = URL(string: url)!
        let descriptor = try connectedSocket(to: target)
        defer { close(descriptor) }
        func send(_ text: String) throws {
            guard Array(text.utf8).withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == text.utf8.count else {
                throw POSIXError(.EIO)
            }
        }
        /// What arrives within `milliseconds`, until the connection is quiet for a moment.
        func receive(within milliseconds: Int32) -> String {
            var received: [UInt8] = [], wait = milliseconds
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, wait) > 0 else { break }
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { break }
                received += buffer[..<count]
                wait = 200
            }
            return String(decoding: received, as: UTF8.self)
        }
        try send("POST \(target.path)\(target.query.map { "?" + $0 } ?? "") HTTP/1.1\r\nHost: \(target.host!)\r\n"
                 + "Content-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
        let beforeBody = receive(within: Int32(patience.components.seconds * 1000))
        // A final answer instead of 100 Continue: the body is not to be sent (the server may
        // have closed the connection, where a write would raise SIGPIPE).
        if !beforeBody.isEmpty && !beforeBody.hasPrefix("HTTP/1.1 100 ") { return (beforeBody, "") }
        try send(body)
        return (beforeBody, receive(within: 5000))
    }

    /// `name=value&…` with everything but unreserved characters percent-encoded (so `+` stays `+`).
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"))!
    }
}
