/// Parses the Python `repr` of a set of strings, as the DBpedia extracts' CSV files store
/// classes: `{'MusicalArtist'}`, `{'A', 'B'}`, `set()` (empty), also `{}`; elements may be in
/// single or double quotes with backslash escapes (`\\`, `\'`, `\"`, `\n`, `\t`).
/// Elements are returned in their written order, duplicates removed.
enum PythonSetLiteral {
    static func parse(_ text: String) throws(FieldError) -> [String] {
        var utf8 = text
        let result = utf8.withUTF8 { s in
            Result { () throws(FieldError) -> [String] in try parse(s, text) }
        }
        return try result.get()
    }

    private static func parse(_ s: UnsafeBufferPointer<UInt8>, _ text: String) throws(FieldError) -> [String] {
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        var lo = 0, hi = s.count
        while lo < hi, isSpace(s[lo]) { lo += 1 }
        while hi > lo, isSpace(s[hi - 1]) { hi -= 1 }
        let body = UnsafeBufferPointer(rebasing: s[lo..<hi])
        if body.elementsEqual("set()".utf8) || body.elementsEqual("{}".utf8) { return [] }
        guard body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}") else {
            throw FieldError("expected a Python set literal like {'A', 'B'} or set(), found \(quoted(text))")
        }
        var items: [String] = []
        var i = 1
        let close = body.count - 1
        while i < close, isSpace(body[i]) { i += 1 }
        while i < close {
            let q = body[i]
            guard q == 0x27 || q == 0x22 else {
                throw FieldError("set element \(items.count + 1) is not a quoted string in \(quoted(text))")
            }
            i += 1
            let start = i
            var escaped: [UInt8]? = nil   // only built when the element has escapes
            var closed = false
            while i < close {
                let c = body[i]
                if c == q { closed = true; break }
                if c == 0x5C, i + 1 < close {
                    if escaped == nil { escaped = Array(body[start..<i]) }
                    switch body[i + 1] {
                    case UInt8(ascii: "n"): escaped!.append(0x0A)
                    case UInt8(ascii: "t"): escaped!.append(0x09)
                    default: escaped!.append(body[i + 1])
                    }
                    i += 2
                    continue
                }
                escaped?.append(c)
                i += 1
            }
            guard closed else { throw FieldError("unterminated string in set literal \(quoted(text))") }
            // The input is valid UTF-8 and quotes are ASCII, so the element is valid UTF-8.
            let item = escaped.map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: UnsafeBufferPointer(rebasing: body[start..<i]), as: UTF8.self)
            i += 1
            if !items.contains(item) { items.append(item) }
            while i < close, isSpace(body[i]) { i += 1 }
            if i < close {
                guard body[i] == 0x2C else {
                    throw FieldError("expected ',' between set elements in \(quoted(text))")
                }
                i += 1
                while i < close, isSpace(body[i]) { i += 1 }
            }
        }
        return items
    }

    private static func quoted(_ s: String) -> String {
        s.count > 80 ? "\"\(s.prefix(77))...\"" : "\"\(s)\""
    }
}
