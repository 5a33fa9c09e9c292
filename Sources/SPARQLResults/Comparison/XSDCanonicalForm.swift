import RDFModel

/// Canonical lexical forms of XSD numbers and booleans, so that literals of one datatype compare
/// by value: `"6.0"^^xsd:decimal` and `"6"^^xsd:decimal`, `"0"^^xsd:boolean` and
/// `"false"^^xsd:boolean`, `"-10.2E3"^^xsd:float` and `"-1.02E4"^^xsd:float`. The W3C SPARQL test
/// suites compare literals so ("equal literal nodes that are compared by value; test runners may
/// convert lexical form to canonical form"). A lexical form that is not valid for its datatype is
/// left as it is (compared character by character).
enum XSDCanonicalForm {
    private static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// The datatypes derived from xsd:integer, whose values are integers.
    private static let integerTypes: Set<String> = Set([
        "integer", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
        "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    ].map { xsd + $0 })

    /// The canonical form of `lexical` as a `datatype` value, or nil when the datatype is not a
    /// number or boolean or the form is not valid for it.
    static func canonical(_ lexical: String, datatype: String) -> String? {
        let text = lexical.trimmingXMLWhitespace
        switch datatype {
        case xsd + "boolean":
            switch text {
            case "true", "1": return "true"
            case "false", "0": return "false"
            default: return nil
            }
        case xsd + "decimal":
            return decimal(text)
        case xsd + "double":
            return floatingPoint(text, Double.self)
        case xsd + "float":
            return floatingPoint(text, Float.self)
        case let type where integerTypes.contains(type):
            return integer(text)
        default:
            return nil
        }
    }

    /// `[+-]?digits` without the plus sign and leading zeros ("-0" is "0").
    private static func integer(_ text: String) -> String? {
        let (negative, digits) = splitSign(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let magnitude = digits.drop { $0 == "0" }
        return magnitude.isEmpty ? "0" : (negative ? "-" : "") + magnitude
    }

    /// `[+-]?digits[.digits]` as XSD 1.1 writes it: no plus sign, no leading zeros, no trailing
    /// zeros after the point, and no point for an integral value.
    private static func decimal(_ text: String) -> String? {
        let (negative, unsigned) = splitSign(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy(\.isASCIIDigit) else { return nil }
        let wholeDigits = whole.drop { $0 == "0" }
        let fractionDigits = fraction.reversed().drop { $0 == "0" }.reversed()
        if wholeDigits.isEmpty && fractionDigits.isEmpty { return "0" }
        let magnitude = (wholeDigits.isEmpty ? "0" : String(wholeDigits)) + (fractionDigits.isEmpty ? "" : "." + String(fractionDigits))
        return (negative ? "-" : "") + magnitude
    }

    /// A double's or float's value: XSD's special values as XSD spells them, any other as Swift
    /// writes it (one text per value: "1050.0").
    private static func floatingPoint<Value: LosslessStringConvertible>(_ text: String, _: Value.Type) -> String? {
        switch text {
        case "INF", "+INF": return "INF"
        case "-INF", "NaN": return text
        default:
            // Swift reads "inf" and "nan" too, which XSD does not allow.
            guard text.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }), let value = Value(text) else { return nil }
            return value.description
        }
    }

    private static func splitSign(_ text: String) -> (negative: Bool, rest: Substring) {
        if text.hasPrefix("-") { return (true, text.dropFirst()) }
        if text.hasPrefix("+") { return (false, text.dropFirst()) }
        return (false, Substring(text))
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

private extension String {
    /// Without the XML whitespace XSD's whiteSpace facet collapses around a number or boolean.
    var trimmingXMLWhitespace: String {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]
        return String(drop { whitespace.contains($0) }.reversed().drop { whitespace.contains($0) }.reversed())
    }
}
