import Foundation

/// Reads the text files users hand to commands (posts, queries, tokens). What cannot be read is
/// an error that names the file; text that is not UTF-8 names the line and the byte where it
/// stops being UTF-8, so a Latin-1 export can be mended where it breaks.
enum TextFile {
    /// The whole file as text.
    /// - Parameter role: what the file is for, for messages (`"query file"`, `"--input"`).
    static func read(_ path: String, role: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(role) \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("\(role) \(path): is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(role) \(path): cannot be read (permissions?)")
        }
        guard let bad = firstInvalidByte(in: data) else { return String(decoding: data, as: UTF8.self) }
        let byte = String(format: "0x%02X", bad.value)
        throw CommandFailure("\(path):\(bad.line): not UTF-8 (byte \(byte) at byte \(bad.column) of the line); save the file as UTF-8")
    }

    /// Where `data` first fails to decode as UTF-8: line and byte column (both from 1) and the
    /// byte; nil when it is all UTF-8.
    static func firstInvalidByte(in data: Data) -> (line: Int, column: Int, value: UInt8)? {
        if String(validating: data, as: UTF8.self) != nil { return nil }  // the common case, validated fast
        let bytes = [UInt8](data)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1, lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error:
                return (line, offset - lineStart + 1, bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }
}
