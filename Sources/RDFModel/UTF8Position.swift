import Foundation

/// Where bytes stop being UTF-8, for messages that point at the place in a text file.
public struct UTF8Position: Equatable, Sendable {
    /// The line, from 1.
    public let line: Int
    /// The byte within the line, from 1.
    public let column: Int
    /// The byte that starts no character, or breaks off the one before it.
    public let byte: UInt8

    public init(line: Int, column: Int, byte: UInt8) {
        (self.line, self.column, self.byte) = (line, column, byte)
    }

    /// The first place `data` fails to decode as UTF-8; nil when all of it is UTF-8.
    public static func firstInvalid(in data: Data) -> UTF8Position? {
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
                return UTF8Position(line: line, column: offset - lineStart + 1, byte: bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }
}
