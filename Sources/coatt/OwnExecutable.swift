import Foundation

/// The path of the running `coatt`, to start it again (worker processes, crash isolation).
enum OwnExecutable {
    static func path() throws -> String {
        do {
            return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        } catch {
            guard let path = Bundle.main.executablePath else { throw CommandFailure("cannot find the coatt executable: \(error)") }
            return path
        }
    }
}
