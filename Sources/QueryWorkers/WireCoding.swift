import Foundation
import SPARQLProtocol

/// How requests and replies travel in frames. Requests are JSON. A reply is its status, media
/// type and message as length-prefixed UTF-8, its count, then its body as the raw bytes: result
/// bodies (up to megabytes) are copied once instead of Base64-encoded into JSON and decoded back.
enum WireCoding {
    /// A fresh decoder per use: JSON coders hold options, and frames are decoded on many threads.
    static var decoder: JSONDecoder { JSONDecoder() }

    static func encode(_ value: some Encodable) throws -> Data { try JSONEncoder().encode(value) }

    static func encodeReply(_ reply: EndpointReply) -> Data {
        let texts = [reply.status.rawValue, reply.mediaType, reply.message].map { Array($0.utf8) }
        var payload = Data(capacity: texts.reduce(0) { $0 + 4 + $1.count } + 8 + reply.body.count)
        for text in texts {
            append(UInt64(text.count), bytes: 4, to: &payload)
            payload.append(contentsOf: text)
        }
        append(UInt64(bitPattern: Int64(reply.count)), bytes: 8, to: &payload)
        payload.append(reply.body)
        return payload
    }

    /// The reply `encodeReply` made; nil when `payload` is not one.
    static func decodeReply(_ payload: Data) -> EndpointReply? {
        var reader = PayloadReader(bytes: payload)
        guard let status = reader.text().flatMap(EndpointStatus.init(rawValue:)), let mediaType = reader.text(),
              let message = reader.text(), let count = reader.integer(bytes: 8) else { return nil }
        return EndpointReply(status: status, mediaType: mediaType, body: reader.rest, message: message,
                             count: Int(Int64(bitPattern: count)))
    }

    private static func append(_ value: UInt64, bytes: Int, to data: inout Data) {
        for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Reads a reply's fields in order, big-endian.
    private struct PayloadReader {
        let bytes: Data
        var offset: Int

        init(bytes: Data) {
            self.bytes = bytes
            offset = bytes.startIndex
        }

        mutating func integer(bytes count: Int) -> UInt64? {
            guard bytes.endIndex - offset >= count else { return nil }
            defer { offset += count }
            return bytes[offset..<(offset + count)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }

        mutating func text() -> String? {
            guard let length = integer(bytes: 4).map(Int.init), bytes.endIndex - offset >= length else { return nil }
            defer { offset += length }
            return String(bytes: bytes[offset..<(offset + length)], encoding: .utf8)
        }

        var rest: Data { Data(bytes[offset...]) }
    }
}
