/// A SPARQL regular expression (XPath and XQuery Functions and Operators §5.6, on XML Schema's
/// syntax) written as the POSIX extended expression that Debian's rasqal 0.9.33 hands to glibc's
/// `regcomp`, which reads the two languages differently and silently: there `\d` is the letter
/// `d` (so `"^\\d+$"` matched `"d"` and not `"123"`), `\n` is `n`, a backslash inside `[…]` is
/// itself, and `.` also matches a line break. The flags rasqal ignores are applied to the
/// pattern: `s` (`.` matches line breaks), `m` (`^` and `$` at line breaks, REGEX only), `x`
/// (white space outside classes dropped), `q` (the pattern is plain text); `i` stays a flag.
///
/// What POSIX cannot say is refused, never approximated: Unicode categories (`\p{…}`), XML name
/// classes (`\i`, `\c`), class subtraction, and `\w`, `\W`, `\D`, `\S` inside `[…]`.
struct RegexTranslation: Equatable {
    /// The POSIX pattern.
    let pattern: String
    /// The flags rasqal is still given (`i` or none).
    let flags: String

    /// Why a pattern cannot be translated.
    struct Refusal: Error, Equatable {
        let reason: String
    }

    /// - Parameter forReplace: whether the pattern is REPLACE's. Flag `m` is honoured by matching
    ///   the line break itself, which only a REGEX test may do: REPLACE with `m` is refused.
    static func translate(_ xpath: String, flags: String, forReplace: Bool) throws(Refusal) -> RegexTranslation {
        for flag in flags where !"smixq".contains(flag) { throw Refusal(reason: "REGEX flag '\(flag)' is not one of s, m, i, x, q") }
        let kept = flags.contains("i") ? "i" : ""
        if flags.contains("q") {
            return RegexTranslation(pattern: String(xpath.unicodeScalars.map { metacharacters.contains($0) ? "\\\($0)" : "\($0)" }.joined()), flags: kept)
        }
        if forReplace && flags.contains("m") { throw Refusal(reason: "REPLACE with flag 'm' cannot be evaluated here (rasqal 0.9.33's POSIX regex has no multi-line mode)") }
        var scalars = Array(xpath.unicodeScalars)
        if flags.contains("x") { scalars = withoutWhiteSpace(scalars) }
        var translator = Translator(scalars: scalars, dotMatchesAll: flags.contains("s"), lineAnchors: flags.contains("m"))
        return RegexTranslation(pattern: try translator.translate(), flags: kept)
    }

    /// What ERE gives a meaning outside a class.
    private static let metacharacters: Set<Unicode.Scalar> = [".", "[", "]", "(", ")", "*", "+", "?", "{", "}", "|", "^", "$", "\\"]

    /// Flag `x`: white space is dropped, except inside a class.
    private static func withoutWhiteSpace(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var kept: [Unicode.Scalar] = [], inClass = false, escaped = false
        for scalar in scalars {
            if !inClass && !escaped && [" ", "\t", "\n", "\r"].contains(scalar) { continue }
            if !escaped { if scalar == "[" { inClass = true } else if scalar == "]" { inClass = false } }
            escaped = !escaped && scalar == "\\"
            kept.append(scalar)
        }
        return kept
    }
}

/// Walks an XPath pattern once, writing its POSIX form.
private struct Translator {
    let scalars: [Unicode.Scalar]
    let dotMatchesAll: Bool
    let lineAnchors: Bool
    private var index = 0
    private var out = ""

    init(scalars: [Unicode.Scalar], dotMatchesAll: Bool, lineAnchors: Bool) {
        (self.scalars, self.dotMatchesAll, self.lineAnchors) = (scalars, dotMatchesAll, lineAnchors)
    }

    // XML Schema's \s, and \w: everything but punctuation, separators and others (in ASCII,
    // letters, digits and the symbols $+<=>^`|~; any non-ASCII byte counts, as most are letters).
    private static let space = " \t\n\r"
    private static let nonWordASCII = "]!\"#%&'()*,./:;?@[\\_{}"

    mutating func translate() throws(RegexTranslation.Refusal) -> String {
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\\": out += try escapeOutsideClass()
            case "[": try translateClass()
            case ".": out += dotMatchesAll ? "." : "[^\n\r]"
            case "^": out += lineAnchors ? "(^|\n)" : "^"
            case "$": out += lineAnchors ? "($|\n)" : "$"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private mutating func escapeOutsideClass() throws(RegexTranslation.Refusal) -> String {
        guard index < scalars.count else { throw .init(reason: "a regular expression cannot end with a backslash") }
        let escaped = scalars[index]
        index += 1
        switch escaped {
        case "d": return "[0-9]"
        case "D": return "[^0-9]"
        case "s": return "[\(Self.space)]"
        case "S": return "[^\(Self.space)]"
        case "w": return "[^\(Self.nonWordASCII)\(Self.space)[:cntrl:]-]"
        case "W": return "[\(Self.nonWordASCII)\(Self.space)[:cntrl:]-]"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "-": return "-"
        case "p", "P", "i", "I", "c", "C":
            throw .init(reason: "\\\(escaped) (Unicode or XML name classes) cannot be evaluated here: rasqal 0.9.33 uses POSIX regular expressions")
        default:
            // A metacharacter written as itself (\. \* \\ …), or a back-reference \1…\9 (glibc has them).
            return "\\\(escaped)"
        }
    }

    /// `[…]` or `[^…]`, written in POSIX's order: `]` first, `-` last, `^` anywhere but first.
    private mutating func translateClass() throws(RegexTranslation.Refusal) {
        let negated = index < scalars.count && scalars[index] == "^"
        if negated { index += 1 }
        var members = "", closing = false, dash = false, caret = false
        var first = true
        while true {
            guard index < scalars.count else { throw .init(reason: "a character class is not closed") }
            var scalar = scalars[index]
            index += 1
            if scalar == "]" && !first { break }
            first = false
            if scalar == "[" { throw .init(reason: "class subtraction ([a-z-[aeiou]]) cannot be evaluated here") }
            if scalar == "\\" {
                guard index < scalars.count else { throw .init(reason: "a character class is not closed") }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "d": members += "0-9"; continue
                case "s": members += Self.space; continue
                case "n": scalar = "\n"
                case "r": scalar = "\r"
                case "t": scalar = "\t"
                case "D", "S", "w", "W", "p", "P", "i", "I", "c", "C":
                    throw .init(reason: "\\\(escaped) inside […] cannot be evaluated here: rasqal 0.9.33 uses POSIX regular expressions")
                default: scalar = escaped
                }
            } else if scalar == "-", index < scalars.count, scalars[index] != "]", !members.isEmpty {
                members += "-"  // a range
                continue
            }
            switch scalar {
            case "]": closing = true
            case "-": dash = true
            case "^": caret = true
            default: members.unicodeScalars.append(scalar)
            }
        }
        if !negated && !closing && !dash && members.isEmpty && caret {
            out += "\\^"
            return
        }
        out += "[" + (negated ? "^" : "") + (closing ? "]" : "") + members + (caret ? "^" : "") + (dash ? "-" : "") + "]"
    }
}
