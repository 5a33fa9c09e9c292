import Foundation

/// Name–value pairs of a URL query string or an `application/x-www-form-urlencoded` body, in order
/// and with repeats (`named-graph-uri` may come several times).
///
/// Decoding is strict, since a silently "repaired" query would run something the client did not
/// send: `+` is a space, `%XX` a byte, and the bytes of each name and value must be UTF-8; a `%`
/// not followed by two hex digits, or bytes that are not UTF-8, make the request a 400.
public struct FormParameters: Sendable, Equatable {
    public private(set) var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// Decodes encoded text; `what` names its origin in error messages ("query string", "form body").
    public init(encoded: some Collection<UInt8>, what: String) throws(ProtocolError) {
        var pairs: [(name: String, value: String)] = []
        for field in encoded.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = field.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(field[..<(equals ?? field.endIndex)], what: what)
            let value = try equals.map { i throws(ProtocolError) in try Self.decode(field[field.index(after: i)...], what: what) } ?? ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    public static func == (lhs: FormParameters, rhs: FormParameters) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Whether `name` occurs at all (with or without a value).
    public func contains(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// The value of a parameter that may occur at most once; nil when absent.
    public func single(_ name: String) throws(ProtocolError) -> String? {
        let all = values(name)
        guard all.count <= 1 else { throw .badRequest("parameter '\(name)' given \(all.count) times; give it once") }
        return all.first
    }

    /// These parameters followed by `other`'s.
    public func appending(_ other: FormParameters) -> FormParameters { FormParameters(pairs + other.pairs) }

    private static func decode(_ bytes: some Collection<UInt8>, what: String) throws(ProtocolError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            switch byte {
            case UInt8(ascii: "+"):
                decoded.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != bytes.endIndex, let high = hexValue(bytes[index]),
                      bytes.index(after: index) != bytes.endIndex, let low = hexValue(bytes[bytes.index(after: index)]) else {
                    throw .badRequest("invalid percent-encoding in the \(what): '%' must be followed by two hex digits")
                }
                decoded.append(high << 4 | low)
                index = bytes.index(index, offsetBy: 2)
            default:
                decoded.append(byte)
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw .badRequest("the \(what) is not valid UTF-8 once percent-decoded")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
