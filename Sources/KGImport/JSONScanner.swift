import Foundation

/// A small pull parser over a JSON document's bytes, enough to read the CoDEx metadata files
/// (objects of objects/arrays of strings) and to skip, without building them, the members a
/// smaller extract does not need. Errors name the file and the line of the offending byte.
struct JSONScanner {
    let path: String
    private let bytes: [UInt8]
    private var i = 0

    init(path: String) throws {
        self.path = path
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw KGImportError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    /// Calls `body` for each member of the top-level object; `body` must consume the value
    /// (with one of the `read…` methods or ``skipValue()``).
    mutating func forEachMember(_ body: (String, inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") { i += 1; return try expectEnd() }
        while true {
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try body(key, &self)
            skipSpace()
            let c = try next()
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else { throw error(at: i - 1, "expected ',' or '}' after a member") }
            skipSpace()
        }
        try expectEnd()
    }

    /// Reads an array of strings.
    mutating func readStringArray() throws -> [String] {
        try expect(UInt8(ascii: "["))
        var out: [String] = []
        skipSpace()
        if peek() == UInt8(ascii: "]") { i += 1; return out }
        while true {
            out.append(try readString())
            skipSpace()
            let c = try next()
            if c == UInt8(ascii: "]") { return out }
            guard c == UInt8(ascii: ",") else { throw error(at: i - 1, "expected ',' or ']' in an array of strings") }
        }
    }

    /// Reads an object's string-valued members; members of other types are skipped.
    mutating func readStringMembers() throws -> [String: String] {
        try expect(UInt8(ascii: "{"))
        var out: [String: String] = [:]
        skipSpace()
        if peek() == UInt8(ascii: "}") { i += 1; return out }
        while true {
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            if peek() == UInt8(ascii: "\"") { out[key] = try readString() } else { try skipValue() }
            skipSpace()
            let c = try next()
            if c == UInt8(ascii: "}") { return out }
            guard c == UInt8(ascii: ",") else { throw error(at: i - 1, "expected ',' or '}' in an object") }
        }
    }

    /// Skips one value of any type.
    mutating func skipValue() throws {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            repeat {
                let c = try next()
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: "\""): i -= 1; _ = try readString()
                default: break
                }
            } while depth > 0
        default:  // number, true, false, null
            let start = i
            while i < bytes.count, !Self.isDelimiter(bytes[i]) { i += 1 }
            guard i > start else { throw error(at: i, "expected a value") }
        }
    }

    /// Reads a string, decoding escapes (including `\uXXXX` surrogate pairs).
    mutating func readString() throws -> String {
        skipSpace()
        try expect(UInt8(ascii: "\""))
        let start = i
        // Fast path: no escapes.
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { throw error(at: start - 1, "unterminated string") }
        if bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return try utf8(bytes[start..<(i - 1)], at: start)
        }
        var out = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw error(at: start - 1, "unterminated string") }
            let c = bytes[i]; i += 1
            if c == UInt8(ascii: "\"") { break }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            let e = try next()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800..<0xDC00).contains(v), bytes[i...].starts(with: [0x5C, 0x75]) {
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error(at: i - 6, "invalid surrogate pair") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(v) else { throw error(at: i - 6, "invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw error(at: i - 1, "invalid escape")
            }
        }
        return try utf8(out[...], at: start)
    }

    // MARK: - Bytes

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw error(at: i, "truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]; i += 1
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error(at: i - 1, "invalid hex digit in \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    private func utf8(_ s: ArraySlice<UInt8>, at offset: Int) throws -> String {
        guard let str = s.withUnsafeBufferPointer(DelimitedText.string) else { throw error(at: offset, "string is not valid UTF-8") }
        return str
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func next() throws -> UInt8 {
        guard i < bytes.count else { throw error(at: i, "unexpected end of file") }
        defer { i += 1 }
        return bytes[i]
    }

    private mutating func expect(_ c: UInt8) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == c else {
            throw error(at: i, "expected '\(Character(Unicode.Scalar(c)))'")
        }
        i += 1
    }

    private mutating func expectEnd() throws {
        skipSpace()
        guard i == bytes.count else { throw error(at: i, "unexpected content after the top-level object") }
    }

    private static func isDelimiter(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]")
            || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    }

    private func error(at offset: Int, _ reason: String) -> KGImportError {
        let line = 1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return .malformedLine(file: path, line: line, reason: "JSON: " + reason)
    }
}
