import Foundation
import SharedTestPaths
import XCTest

/// A real `coatt serve` on a port the system picks (`--port 0`), found from the URL it prints;
/// its log goes to a file, so a chatty server never blocks on a full pipe.
final class ServerProcess: @unchecked Sendable {  // mutated only by the test that owns it
    let process = Process()
    /// `http://127.0.0.1:PORT`.
    let base: String
    private let logFile: URL

    /// Starts the server over `store` with `arguments` after the defaults (2 readers, port 0) and
    /// waits until it listens. `token` goes into `$COATT_UPDATE_TOKEN`, as users are told to pass it.
    init(store: URL, arguments: [String] = [], token: String? = nil) throws {
        logFile = store.deletingLastPathComponent().appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = try SharedTestPaths.coattBinary()
        process.arguments = ["serve", "--store", store.path, "--port", "0", "--workers", "2"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COATT_UPDATE_TOKEN"] = token
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        // The first stdout line is "coatt serve: listening on http://HOST:PORT/sparql (…)".
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        let line = String(decoding: printed, as: UTF8.self)
        guard let start = line.range(of: "listening on "), let end = line.range(of: "/sparql", range: start.upperBound..<line.endIndex) else {
            process.waitUntilExit()
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw ServerFailure("coatt serve did not start (status \(process.terminationStatus)): \(line)\(log)")
        }
        base = String(line[start.upperBound..<end.lowerBound])
    }

    /// What the server has logged so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the exit status (SIGKILL after `grace`).
    @discardableResult
    func stop(signal: Int32 = SIGTERM, grace: TimeInterval = 20) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { stop(signal: SIGKILL) }
}

struct ServerFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
