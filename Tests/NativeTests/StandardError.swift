import Foundation
import Glibc

/// Runs `body` with file descriptor 2 redirected to a temporary file and returns what was
/// written there, to prove libjpeg printed nothing.
func capturingStandardError(_ body: () throws -> Void) rethrows -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("native-tests-stderr-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
    let capture = open(path, O_CREAT | O_TRUNC | O_RDWR, 0o600)
    precondition(capture >= 0, "cannot create \(path)")
    fflush(nil)
    let saved = dup(2)
    dup2(capture, 2)
    defer {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(capture)
        unlink(path)
    }
    try body()
    fflush(nil)
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>"
}
