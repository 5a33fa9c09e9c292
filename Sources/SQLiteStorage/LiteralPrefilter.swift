/// A necessary condition a FILTER puts on the text of one variable's value: `CONTAINS`,
/// `STRSTARTS`, `STRENDS`, `=` against a constant string, or `REGEX` with a pattern of plain
/// characters (optionally anchored by `^` and `$`), each possibly under `STR`, `LCASE` and `UCASE`.
///
/// It only ever rules a value out when the FILTER is certainly false for it, so that rows failing
/// it can be dropped before rasqal joins them (`RasqalFilterPushdown`) and rasqal, still running the
/// FILTER, decides the rest. Texts are compared as UTF-8 bytes, as rasqal does; where case is folded
/// (LCASE, UCASE, the regex flag `i`), only ASCII letters are folded here, so a text with any
/// other byte is always kept (the FILTER folds the rest in the UTF-8 locale).
struct LiteralPrefilter: Equatable {
    enum Position: Equatable { case anywhere, start, end, whole }

    /// The constant the text is compared with.
    let needle: [UInt8]
    let position: Position
    /// Whether ASCII letters compare without case.
    let foldsCase: Bool
    /// Whether a text ending in a line break ends where it precedes it (a regex's `$`, as in PCRE).
    let endsBeforeFinalNewline: Bool

    init(needle: [UInt8], position: Position, foldsCase: Bool, endsBeforeFinalNewline: Bool = false) {
        self.needle = foldsCase ? needle.map(Self.lowered) : needle
        self.position = position
        self.foldsCase = foldsCase
        self.endsBeforeFinalNewline = endsBeforeFinalNewline
    }

    /// The condition a regular expression puts on the text it matches, when its pattern is plain
    /// characters between an optional `^` and `$`, and its flags at most `i`; nil otherwise.
    /// - Parameter folded: whether the text is already under LCASE or UCASE.
    init?(regex pattern: [UInt8], flags: [UInt8], folded: Bool) {
        guard flags.allSatisfy({ $0 | 0x20 == UInt8(ascii: "i") }) else { return nil }
        var body = pattern[...]
        let anchoredStart = body.first == UInt8(ascii: "^")
        if anchoredStart { body = body.dropFirst() }
        let anchoredEnd = body.last == UInt8(ascii: "$")
        if anchoredEnd { body = body.dropLast() }
        guard body.allSatisfy({ !Self.regexSyntax.contains($0) }) else { return nil }
        let foldsCase = folded || !flags.isEmpty
        guard !foldsCase || body.allSatisfy({ $0 < 0x80 }) else { return nil }
        let position: Position = switch (anchoredStart, anchoredEnd) {
        case (false, false): .anywhere
        case (true, false): .start
        case (false, true): .end
        case (true, true): .whole
        }
        self.init(needle: Array(body), position: position, foldsCase: foldsCase, endsBeforeFinalNewline: anchoredEnd)
    }

    /// Bytes with a meaning in POSIX extended or PCRE regular expressions.
    private static let regexSyntax = Set("\\.^$|?*+()[]{}".utf8)

    /// Whether a value with this text may pass the FILTER.
    func mayHold(for text: UnsafeBufferPointer<UInt8>) -> Bool {
        if foldsCase && text.contains(where: { $0 >= 0x80 }) { return true }
        if endsBeforeFinalNewline && text.last == 0x0A && holds(for: UnsafeBufferPointer(rebasing: text.dropLast())) { return true }
        return holds(for: text)
    }

    private func holds(for text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= needle.count else { return false }
        switch position {
        case .anywhere: return (0...(text.count - needle.count)).contains { equals(text, at: $0) }
        case .start: return equals(text, at: 0)
        case .end: return equals(text, at: text.count - needle.count)
        case .whole: return text.count == needle.count && equals(text, at: 0)
        }
    }

    private func equals(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        for k in needle.indices {
            let byte = foldsCase ? Self.lowered(text[offset + k]) : text[offset + k]
            if byte != needle[k] { return false }
        }
        return true
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
