import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SharedTestPaths
import XCTest

/// A real `coatt serve` on a free 127.0.0.1 port over a temporary store, for tests that talk to it
/// with real clients. The update token travels in the environment, as users are told to pass it.
final class ServedStore {
    static let token = "client-tests-\(UUID().uuidString)"

    let binary: String
    let store: URL
    let queryURL: String
    private let folder: URL
    private let server: Process
    private let log: URL

    /// Loads `files` into a new store (an empty store when there are none), starts the server on it (with
    /// `arguments` after ours) and waits until /health answers.
    init(loading files: [URL], timeoutSeconds: Int, workers: Int = 2, arguments: [String] = []) async throws {
        binary = try SharedTestPaths.coattBinary().path
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-clients-\(UUID().uuidString)")
        store = folder.appendingPathComponent("test.store")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if files.isEmpty {
            try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)  // an empty store
        } else {
            let loaded = try Subprocess.run(binary, ["load", "--store", store.path] + files.map(\.path))
            guard loaded.status == 0 else { throw ServerError("coatt load failed: \(loaded.output)") }
        }
        let port = try Self.freePort()
        queryURL = "http://127.0.0.1:\(port)/sparql"
        log = folder.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--store", store.path, "--host", "127.0.0.1", "--port", String(port),
                            "--workers", String(workers), "--timeout", String(timeoutSeconds)] + arguments
        server.environment = ProcessInfo.processInfo.environment.merging(["COATT_UPDATE_TOKEN": Self.token]) { _, new in new }
        let output = try FileHandle(forWritingTo: log)
        server.standardOutput = output
        server.standardError = output
        try server.run()
        try await waitUntilHealthy(port: port)
    }

    /// What the server has logged so far (for failure messages).
    var serverLog: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Whether the server process is still running.
    var isRunning: Bool { server.isRunning }

    /// Every quad of the store, as `coatt store dump` writes them, sorted (blank node labels are stable in one store).
    func dump() throws -> [Substring] {
        let dumped = try Subprocess.run(binary, ["store", "dump", "--store", store.path])
        guard dumped.status == 0 else { throw ServerError("coatt store dump failed: \(dumped.output)") }
        return dumped.output.split(separator: "\n").sorted()
    }

    /// SIGTERM, then SIGKILL if the server has not ended within 15 s; removes the store.
    func stop() {
        if server.isRunning {
            server.terminate()
            let deadline = Date().addingTimeInterval(15)
            while server.isRunning && Date() < deadline { usleep(50_000) }
            if server.isRunning { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func waitUntilHealthy(port: Int) async throws {
        let health = URL(string: "http://127.0.0.1:\(port)/health")!
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard server.isRunning else { throw ServerError("coatt serve exited (\(server.terminationStatus)): \(serverLog)") }
            if let (_, response) = try? await URLSession.shared.data(from: health),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw ServerError("coatt serve did not answer /health within 30 s: \(serverLog)")
    }

    /// A port nobody listens on now (the kernel's pick for an ephemeral bind).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw ServerError("could not bind an ephemeral port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
