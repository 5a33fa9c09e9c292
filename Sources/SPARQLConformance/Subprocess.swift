import Foundation

/// How a child process ended and what it printed.
struct ProcessResult: Sendable {
    /// Why the process stopped.
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed by us after running past the time limit.
        case timedOut
    }

    var termination: Termination
    var stdout: Data
    var stderr: String
}

/// Runs one command-line program to completion, with a time limit.
enum Subprocess {
    /// Runs `executable` with `arguments` in `directory`.
    ///
    /// Output goes to temporary files rather than pipes, so a chatty child can never block on a
    /// full pipe while we wait for it. Past `timeout` the child gets SIGTERM, then SIGKILL.
    static func run(_ executable: String, _ arguments: [String], in directory: URL, timeout: TimeInterval) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-\(UUID().uuidString)")
        let stdoutURL = scratch.appendingPathExtension("out"), stderrURL = scratch.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
              FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        else { throw ConformanceError("cannot create temporary files in \(scratch.deletingLastPathComponent().path)") }
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL), stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        let termination: ProcessResult.Termination =
            timedOut ? .timedOut
            : process.terminationReason == .uncaughtSignal ? .signalled(process.terminationStatus)
            : .exited(process.terminationStatus)
        return ProcessResult(termination: termination,
                             stdout: try Data(contentsOf: stdoutURL),
                             stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }

    /// The absolute path of a program: `name` itself if it contains a slash, else the first
    /// executable match on `PATH`.
    static func locate(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
