import Foundation

/// A SentencePiece `ModelProto` (`spiece.model`) read directly from its protobuf bytes: the
/// pieces with scores and types, and the normaliser flags. The precompiled charsmap is not
/// kept: ``SentencePieceTokenizer`` approximates it with Unicode NFKC plus the nmt rules.
public struct SentencePieceModel: Sendable {
    /// SentencePiece's piece types (`ModelProto.SentencePiece.Type`).
    public enum PieceType: Int, Sendable {
        case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6
    }

    public struct Piece: Equatable, Sendable {
        public let piece: String
        public let score: Float
        public let type: PieceType
    }

    /// Pieces by id.
    public let pieces: [Piece]
    /// `NormalizerSpec.name`, e.g. `nmt_nfkc`.
    public let normalizerName: String
    public let addDummyPrefix: Bool
    public let removeExtraWhitespaces: Bool
    public let escapeWhitespaces: Bool

    /// Parses the protobuf wire format of `data`.
    public init(data: Data) throws(TokenizerError) {
        var pieces: [Piece] = []
        var name = "", dummy = true, removeExtra = true, escape = true
        do {
            var reader = ProtobufReader(Array(data)[...])
            while let (field, value) = try reader.next() {
                switch (field, value) {
                case let (1, .bytes(bytes)):
                    var text = "", score: Float = 0, type = PieceType.normal
                    var inner = ProtobufReader(bytes)
                    while let (f, v) = try inner.next() {
                        switch (f, v) {
                        case let (1, .bytes(b)): text = String(decoding: b, as: UTF8.self)
                        case let (2, .fixed32(bits)): score = Float(bitPattern: bits)
                        case let (3, .varint(t)): type = PieceType(rawValue: Int(t)) ?? .normal
                        default: break
                        }
                    }
                    pieces.append(Piece(piece: text, score: score, type: type))
                case let (3, .bytes(bytes)):
                    var inner = ProtobufReader(bytes)
                    while let (f, v) = try inner.next() {
                        switch (f, v) {
                        case let (1, .bytes(b)): name = String(decoding: b, as: UTF8.self)
                        case let (3, .varint(x)): dummy = x != 0
                        case let (4, .varint(x)): removeExtra = x != 0
                        case let (5, .varint(x)): escape = x != 0
                        default: break
                        }
                    }
                default: break
                }
            }
        } catch {
            throw .invalidConfiguration(path: "spiece.model", reason: "malformed protobuf")
        }
        self.pieces = pieces
        normalizerName = name
        addDummyPrefix = dummy
        removeExtraWhitespaces = removeExtra
        escapeWhitespaces = escape
    }

    /// Reads `spiece.model`.
    public init(contentsOf url: URL) throws(TokenizerError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .cannotRead(path: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data)
    }
}

/// The protobuf wire format, just enough for `ModelProto`.
struct ProtobufReader {
    enum Value { case varint(UInt64), fixed64(UInt64), bytes(ArraySlice<UInt8>), fixed32(UInt32) }
    struct Malformed: Error {}

    private var bytes: ArraySlice<UInt8>
    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    private mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while let byte = bytes.popFirst() {
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw Malformed()
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count else { throw Malformed() }
        defer { bytes = bytes.dropFirst(count) }
        return bytes.prefix(count)
    }

    /// The next field number and value, or nil at the end.
    mutating func next() throws -> (Int, Value)? {
        guard !bytes.isEmpty else { return nil }
        let key = try varint()
        let field = Int(key >> 3)
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: return (field, .fixed64(try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }))
        case 2: return (field, .bytes(try take(Int(try varint()))))
        case 5: return (field, .fixed32(try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }))
        default: throw Malformed()
        }
    }
}
