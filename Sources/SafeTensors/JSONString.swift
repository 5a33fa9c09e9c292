/// JSON string literals spelled byte for byte as serde_json spells them (the reference writer's
/// serializer), so headers match the reference even for names with quotes or control chars.
enum JSONString {
    /// `value` in double quotes: `"` and `\` escaped, the short escapes `\b \f \n \r \t`, other
    /// control characters as `\u00xx` (lowercase hex), everything else (DEL, non-ASCII) raw.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
