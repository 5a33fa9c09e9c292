import RDFModel

/// How DBpedia resource names (Wikipedia titles such as `Paris_(band)`) become IRIs and labels.
///
/// - **IRI**: `http://dbpedia.org/resource/` + the name in IRI form. Names may arrive
///   percent-encoded (DB100K writes `%22Heroes%22_(David_Bowie_album)`, `Saarbr%C3%BCcken`) or
///   raw (DBpedia50 writes `1._FC_Saarbrücken`); valid `%XX` sequences that decode to UTF-8 are
///   decoded first, so both extracts give the same entity the same IRI. Then only what cannot
///   stand in an IRI path segment is percent-encoded: controls, space, `<`, `>`, `"`, `{`, `}`,
///   `|`, `\`, `^`, `` ` `` (illegal in IRIs), and `%`, `?`, `#` (would start an escape, query or
///   fragment). Everything DBpedia keeps stays: `(`, `)`, `,`, `'`, `&`, `+`, `=`, `!`, `:`,
///   non-ASCII letters. So `%22Heroes%22` → `%22Heroes%22`, `%26TV` → `&TV`, `It%27s` → `It's`.
/// - **Label**: the decoded name with `_` → space and one trailing parenthesised qualifier
///   dropped (`Paris_(band)` → `Paris`, `Republic_of_China_(1912–49)` → `Republic of China`);
///   a name that is only a parenthesis keeps it. Written as an `@en` literal.
public enum DBpediaNames {
    public static let resourceNamespace = Vocabulary.dbpediaResource
    public static let ontologyNamespace = Vocabulary.dbpediaOntology

    /// The resource IRI for a name, e.g. `Princeton,_New_Jersey` →
    /// `http://dbpedia.org/resource/Princeton,_New_Jersey`.
    public static func resourceIRI(_ name: String) -> String {
        resourceNamespace + iriSegment(name)
    }

    /// The ontology IRI for a relation or class name, e.g. `birthPlace` →
    /// `http://dbpedia.org/ontology/birthPlace`; a full IRI (containing `://`) is kept.
    public static func ontologyIRI(_ name: String) -> String {
        name.contains("://") ? name : ontologyNamespace + iriSegment(name)
    }

    /// The English label derived from a resource name (see the type's description).
    public static func label(_ name: String) -> String {
        var title = Array(decodedBytes(name))
        for i in title.indices where title[i] == 0x5F { title[i] = 0x20 }
        if let cut = trailingQualifierStart(title) {
            var end = cut
            while end > 0, title[end - 1] == 0x20 { end -= 1 }
            if end > 0 { title.removeSubrange(end...) }
        }
        return String(decoding: title, as: UTF8.self)
    }

    /// The name with valid `%XX` escapes decoded (when the result is UTF-8), `_` kept.
    public static func decodedTitle(_ name: String) -> String {
        String(decoding: decodedBytes(name), as: UTF8.self)
    }

    // MARK: - Internals

    /// The name as an IRI path segment: decoded, then re-encoded minimally.
    static func iriSegment(_ name: String) -> String {
        var needsWork = false
        for b in name.utf8 where mustEncode(b) { needsWork = true; break }
        if !needsWork { return name }
        var out: [UInt8] = []
        for b in decodedBytes(name) {
            if mustEncode(b) {
                out.append(0x25)
                out.append(hexDigit(b >> 4))
                out.append(hexDigit(b & 0xF))
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a byte has to be percent-encoded in a resource name's IRI segment.
    @inline(__always)
    static func mustEncode(_ b: UInt8) -> Bool {
        switch b {
        case 0x00...0x20, 0x7F: return true
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"):
            return true
        default: return false
        }
    }

    /// The UTF-8 bytes of the name with `%XX` escapes decoded, or the name's own bytes when it
    /// has no escape or decoding would not give valid UTF-8.
    static func decodedBytes(_ name: String) -> [UInt8] {
        let bytes = Array(name.utf8)
        guard bytes.contains(0x25) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count,
               let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self) == nil ? bytes : out
    }

    /// Where a trailing ` (…)` qualifier starts (the index of `(`), matching nested parentheses;
    /// `nil` if the title does not end in one preceded by a space.
    static func trailingQualifierStart(_ title: [UInt8]) -> Int? {
        guard title.last == UInt8(ascii: ")") else { return nil }
        var depth = 0
        var i = title.count - 1
        while i >= 0 {
            switch title[i] {
            case UInt8(ascii: ")"): depth += 1
            case UInt8(ascii: "("):
                depth -= 1
                if depth == 0 { return i > 0 && title[i - 1] == 0x20 ? i : nil }
            default: break
            }
            i -= 1
        }
        return nil
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x41 + v - 10 }
}
