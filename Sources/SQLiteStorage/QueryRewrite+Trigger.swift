extension QueryRewrite {
    /// Whether `text` may hold a property path, EXISTS or MINUS: a scan of its bytes, skipping
    /// strings, IRIs and comments, for a path operator after an IRI, a prefixed name, `a` or `)`,
    /// or for the words EXISTS and MINUS. False means the query is given to rasqal as written;
    /// true (sometimes wrongly, e.g. `FILTER(!bound(?x))`) means it is read token by token. Most
    /// queries (point lookups among them) take only this scan, well under a microsecond.
    static func mightApply(to text: String) -> Bool {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isName(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte == 0x2D
                || byte == 0x3A || byte == 0x2E || byte >= 0x80
        }
        var index = 0, lastTermAllowsPath = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x23:  // # comment
                while index < count && bytes[index] != 0x0A { index += 1 }
            case 0x22, 0x27:  // a string: skip to the matching quote
                while index < count && bytes[index] != byte { index += bytes[index] == 0x5C ? 2 : 1 }
                index += 1
                lastTermAllowsPath = false
            case 0x3C:  // `<`: an IRI, unless white space or `=` follows (less-than)
                var end = index
                while end < count && bytes[end] > 0x20 && bytes[end] != 0x3E && bytes[end] != 0x3C { end += 1 }
                if end < count && bytes[end] == 0x3E && end > index {
                    index = end + 1
                    lastTermAllowsPath = true
                } else {
                    lastTermAllowsPath = false
                }
            case 0x3F, 0x24:  // a variable, or a lone `?` (a path modifier)
                if index < count && isName(bytes[index]) && bytes[index] != 0x3A && bytes[index] != 0x2E {
                    while index < count && isName(bytes[index]) { index += 1 }
                    lastTermAllowsPath = false
                } else if byte == 0x3F && lastTermAllowsPath {
                    return true
                }
            case 0x2F, 0x2A, 0x2B:  // / * +
                if lastTermAllowsPath { return true }
            case 0x7C, 0x5E:  // a lone `|` or `^` (not `||` or `^^`)
                if index < count && bytes[index] == byte { index += 1 } else { return true }
            case 0x21:  // `!` other than `!=`: perhaps a negated property set
                if index < count && bytes[index] != 0x3D { return true }
            case 0x29:  // `)` may close a path group
                lastTermAllowsPath = true
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                guard isName(byte) && byte != 0x2E else {
                    lastTermAllowsPath = false
                    break
                }
                let start = index - 1
                var hasColon = byte == 0x3A
                while index < count && isName(bytes[index]) {
                    hasColon = hasColon || bytes[index] == 0x3A
                    index += 1
                }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if isNegationKeyword(word) { return true }
                // A prefixed name or `a` may be followed by a path operator; a number or keyword not.
                lastTermAllowsPath = !(byte >= 0x30 && byte <= 0x39) && (hasColon || (word.count == 1 && byte == 0x61))
            }
        }
        return false
    }

    /// Whether ASCII `word` is EXISTS or MINUS in any case.
    private static func isNegationKeyword(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        func equals(_ keyword: StaticString) -> Bool {
            guard word.count == keyword.utf8CodeUnitCount else { return false }
            for i in 0..<word.count where word[i] & 0xDF != keyword.utf8Start[i] { return false }
            return true
        }
        return equals("EXISTS") || equals("MINUS")
    }
}
