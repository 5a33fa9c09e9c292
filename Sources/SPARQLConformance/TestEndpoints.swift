import Foundation

/// The SPARQL endpoints a federated-query test asks, each a real `coatt serve` over a store of
/// its `qt:serviceData` files, on a local port; the query's SERVICE IRIs are sent to them with
/// `--service-endpoint`. An endpoint the query names without data (a SILENT one that must fail)
/// is sent to a local port where nothing listens, so no test contacts the internet.
final class TestEndpoints {
    /// Where nothing listens: a request there fails at once.
    static let closedPort = "http://127.0.0.1:1/sparql"

    /// `coatt query` (or `serve`) options that reach the endpoints.
    private(set) var arguments: [String] = ["--allow", "http://", "--allow", "https://"]
    private var servers: [Process] = []
    private var stores: [URL] = []

    /// Starts the endpoints of `test` with `coatt` (the last listed first, so an endpoint whose
    /// pattern asks one listed after it can reach it).
    init(for test: ConformanceTest, coatt: String, query: String, timeout: TimeInterval) throws {
        let listed = Set(test.serviceData.map(\.endpoint))
        for endpoint in Self.serviceIRIs(in: query) where !listed.contains(endpoint) {
            arguments += ["--service-endpoint", "\(endpoint)=\(Self.closedPort)"]
        }
        do {
            for service in test.serviceData.reversed() {
                let url = try start(service, coatt: coatt, timeout: timeout)
                arguments += ["--service-endpoint", "\(service.endpoint)=\(url)"]
            }
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Stops the servers and removes their stores.
    func stop() {
        for server in servers where server.isRunning {
            server.terminate()
            server.waitUntilExit()
        }
        servers = []
        for store in stores { try? FileManager.default.removeItem(at: store) }
        stores = []
    }

    /// Loads the service's files into a store of its own and serves it; returns its URL.
    private func start(_ service: ServiceData, coatt: String, timeout: TimeInterval) throws -> String {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-endpoint-\(UUID().uuidString)")
        stores.append(store)
        let load = try Subprocess.run(coatt, ["load", "--store", store.path] + service.data.map(\.path),
                                      in: FileManager.default.temporaryDirectory, timeout: timeout)
        guard load.termination == .exited(0) else {
            throw ConformanceError("cannot load the data of \(service.endpoint): \(load.stderr)")
        }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: coatt)
        server.arguments = ["serve", "--store", store.path, "--port", "0", "--workers", "1"] + arguments
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        server.standardInput = FileHandle.nullDevice
        try server.run()
        servers.append(server)
        // It prints `coatt serve: listening on http://127.0.0.1:PORT/sparql (read-only)` once
        // ready; read on another thread, so that one that never says so costs `timeout`, no more.
        let printed = PrintedText()
        let listening = DispatchSemaphore(value: 0)
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil }
            if printed.append(String(decoding: chunk, as: UTF8.self)).contains("/sparql") || chunk.isEmpty { listening.signal() }
        }
        _ = listening.wait(timeout: .now() + timeout)
        output.fileHandleForReading.readabilityHandler = nil
        let text = printed.value
        guard let match = text.range(of: #"http://127\.0\.0\.1:[0-9]+/sparql"#, options: .regularExpression) else {
            throw ConformanceError("the endpoint for \(service.endpoint) did not start: \(text)")
        }
        return String(text[match])
    }

    /// The IRIs written after SERVICE (and SILENT) in `query`.
    static func serviceIRIs(in query: String) -> [String] {
        let pattern = #/(?i:SERVICE)\s+(?:(?i:SILENT)\s+)?<([^>]*)>/#
        return query.matches(of: pattern).map { String($0.output.1) }
    }
}

/// What a server has printed so far, appended from its pipe's reading thread.
private final class PrintedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    /// Appends `chunk`; returns the whole text.
    func append(_ chunk: String) -> String { lock.withLock { text += chunk; return text } }

    var value: String { lock.withLock { text } }
}
