/// Facts about the text of a SPARQL query or update, found before any parser sees it.
public enum SPARQLText {
    /// Whether `text` holds nothing but white space and `#` comments: no operation at all.
    /// (rasqal would report such a text as a syntax error at its last line.)
    public static func isEmpty(_ text: String) -> Bool {
        var inComment = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): inComment = false
            case _ where inComment: continue
            case UInt8(ascii: "#"): inComment = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: return false
            }
        }
        return true
    }
}
