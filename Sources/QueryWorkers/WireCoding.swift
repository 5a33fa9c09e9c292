import Foundation

/// How requests and replies travel in frames: JSON (`Data` bodies as Base64).
enum WireCoding {
    /// A fresh decoder per use: JSON coders hold options, and frames are decoded on many threads.
    static var decoder: JSONDecoder { JSONDecoder() }

    static func encode(_ value: some Encodable) throws -> Data { try JSONEncoder().encode(value) }
}
