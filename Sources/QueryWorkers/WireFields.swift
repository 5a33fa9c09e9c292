import Foundation

/// Fields written one after another for the pipe between the pool and a worker: integers
/// big-endian, texts and bytes after their 4-byte length, an optional after a presence byte.
struct WireWriter {
    private(set) var data = Data()

    mutating func byte(_ value: UInt8) { data.append(value) }

    mutating func integer(_ value: Int64) { append(UInt64(bitPattern: value), bytes: 8) }

    mutating func bytes(_ value: Data) {
        append(UInt64(value.count), bytes: 4)
        data.append(value)
    }

    mutating func text(_ value: String) { bytes(Data(value.utf8)) }

    mutating func texts(_ values: [String]) {
        append(UInt64(values.count), bytes: 4)
        values.forEach { text($0) }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout WireWriter, T) -> Void) {
        byte(value == nil ? 0 : 1)
        if let value { write(&self, value) }
    }

    /// Bytes with no length, to the end: only as the last field.
    mutating func rest(_ value: Data) { data.append(value) }

    private mutating func append(_ value: UInt64, bytes: Int) {
        for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}

/// Reads what `WireWriter` wrote, in the same order; throws `WireReader.Malformed` where the
/// bytes end early or do not fit.
struct WireReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String { "the frame ends early or holds a field that cannot be" }
    }

    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    mutating func byte() throws -> UInt8 { UInt8(try unsigned(bytes: 1)) }

    mutating func integer() throws -> Int64 { Int64(bitPattern: try unsigned(bytes: 8)) }

    mutating func bytes() throws -> Data {
        let length = Int(try unsigned(bytes: 4))
        guard data.endIndex - offset >= length else { throw Malformed() }
        defer { offset += length }
        return Data(data[offset..<(offset + length)])
    }

    mutating func text() throws -> String {
        guard let text = String(data: try bytes(), encoding: .utf8) else { throw Malformed() }
        return text
    }

    mutating func texts() throws -> [String] {
        let count = Int(try unsigned(bytes: 4))
        guard count <= data.endIndex - offset else { throw Malformed() }  // each takes 4 bytes at least
        return try (0..<count).map { _ in try text() }
    }

    mutating func optional<T>(_ read: (inout WireReader) throws -> T) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw Malformed()
        }
    }

    /// The bytes left.
    mutating func rest() -> Data {
        defer { offset = data.endIndex }
        return Data(data[offset...])
    }

    private mutating func unsigned(bytes count: Int) throws -> UInt64 {
        guard data.endIndex - offset >= count else { throw Malformed() }
        defer { offset += count }
        return data[offset..<(offset + count)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
