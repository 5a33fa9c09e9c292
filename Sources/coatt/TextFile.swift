import Foundation
import RDFModel

/// Reads the text files users hand to commands (posts, queries, tokens). What cannot be read is
/// an error that names the file; text that is not UTF-8 names the line and the byte where it
/// stops being UTF-8, so a Latin-1 export can be mended where it breaks.
enum TextFile {
    /// The whole file as text; `-` is standard input.
    /// - Parameter role: what the file is for, for messages (`"query file"`, `"--input"`).
    static func read(_ path: String, role: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard path == "-" || FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(role) \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("\(role) \(path): is a directory, not a file") }
        let data: Data?
        if path == "-" {
            data = try? FileHandle.standardInput.readToEnd() ?? Data()
        } else {
            // A pipe (/dev/stdin, <(…)) has no size for FileManager to read up to.
            data = FileManager.default.contents(atPath: path)
                ?? FileHandle(forReadingAtPath: path).flatMap { try? $0.readToEnd() ?? Data() }
        }
        guard let data else { throw CommandFailure("\(role) \(path): cannot be read (permissions?)") }
        guard let bad = UTF8Position.firstInvalid(in: data) else { return String(decoding: data, as: UTF8.self) }
        let byte = String(format: "0x%02X", bad.byte)
        throw CommandFailure("\(path):\(bad.line): not UTF-8 (byte \(byte) at byte \(bad.column) of the line); save the file as UTF-8")
    }
}
