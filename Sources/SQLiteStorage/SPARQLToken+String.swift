extension SPARQLToken {
    /// The value of a string token, quotes removed and escapes (`\t`, `\"`, `\u00E9`, …) read;
    /// nil for other tokens and for a malformed `\u` escape.
    var stringValue: String? {
        guard kind == .string, let quote = text.unicodeScalars.first else { return nil }
        let scalars = Array(text.unicodeScalars)
        let long = scalars.count >= 6 && scalars[1] == quote && scalars[2] == quote
        let end = scalars.count - (long ? 3 : 1)
        var value = String.UnicodeScalarView(), index = long ? 3 : 1
        while index < end {
            let scalar = scalars[index]
            index += 1
            guard scalar == "\\", index < end else {
                value.append(scalar)
                continue
            }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "t": value.append("\t")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "b": value.append("\u{8}")
            case "f": value.append("\u{C}")
            case "u", "U":
                let digits = escape == "u" ? 4 : 8
                guard index + digits <= end,
                      let code = UInt32(String(scalars: scalars[index..<index + digits]), radix: 16),
                      let decoded = Unicode.Scalar(code) else { return nil }
                value.append(decoded)
                index += digits
            default: value.append(escape)  // \" \' \\
            }
        }
        return String(value)
    }
}
