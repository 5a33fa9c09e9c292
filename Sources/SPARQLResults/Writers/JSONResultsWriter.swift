import RDFModel

/// Writes SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/).
///
/// Strings are written as raw UTF-8 (characters outside the BMP included), escaping only what
/// JSON requires plus U+2028/U+2029, so the output is valid JSON for every Swift string —
/// unlike Redland's own JSON writer, which mangles characters outside the BMP.
public struct JSONResultsWriter: SolutionWriter {
    private let output: (String) -> Void
    /// The variable names, each already a JSON string literal followed by `: `.
    private var keys: [String] = []
    private var rowsWritten = 0

    /// Creates a writer that sends the document to `output` piece by piece.
    public init(output: @escaping (String) -> Void) {
        self.output = output
    }

    public mutating func begin(variables: [String]) {
        keys = variables.map { Self.quoted($0) + ": " }
        let vars = variables.map(Self.quoted).joined(separator: ", ")
        output("{\n  \"head\": { \"vars\": [ \(vars) ] },\n  \"results\": {\n    \"bindings\": [")
    }

    // One string per row, appended in place: the endpoint writes rows of short terms, where
    // building each piece as its own string cost more than evaluating the query.
    public mutating func write(row: [RDFTerm?]) {
        var line = rowsWritten == 0 ? "\n      { " : ",\n      { "
        var first = true
        for (key, term) in zip(keys, row) {
            guard let term else { continue }
            if !first { line += ", " }
            first = false
            line += key
            Self.appendObject(for: term, to: &line)
        }
        line += " }"
        output(line)
        rowsWritten += 1
    }

    public mutating func end() {
        output(rowsWritten == 0 ? "]\n  }\n}\n" : "\n    ]\n  }\n}\n")
    }

    /// The complete document for an ASK result.
    static func booleanDocument(_ value: Bool) -> String {
        "{\"head\":{},\"boolean\":\(value)}\n"
    }

    /// Appends the RDF term object: `{"type": …, "value": …}` plus `xml:lang` or `datatype`.
    private static func appendObject(for term: RDFTerm, to out: inout String) {
        switch term {
        case .iri(let iri):
            out += "{ \"type\": \"uri\", \"value\": "
            appendQuoted(iri, to: &out)
        case .blank(let label):
            out += "{ \"type\": \"bnode\", \"value\": "
            appendQuoted(label, to: &out)
        case .literal(let lex, let language, let datatype):
            out += "{ \"type\": \"literal\", \"value\": "
            appendQuoted(lex, to: &out)
            if let language {
                out += ", \"xml:lang\": "
                appendQuoted(language, to: &out)
            } else if let datatype, datatype != Vocabulary.xsdString {
                out += ", \"datatype\": "
                appendQuoted(datatype, to: &out)
            }
        }
        out += " }"
    }

    /// A JSON string literal for `s`.
    static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal; a string with nothing to escape (nearly every IRI
    /// and label) is appended whole.
    private static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        if needsEscaping(s) {
            appendEscaped(s, to: &out)
        } else {
            out += s
        }
        out += "\""
    }

    /// Whether `s` holds a character `appendEscaped` rewrites: a control character, `"`, `\\`,
    /// or U+2028/U+2029 (UTF-8 E2 80 A8/A9; the lead byte E2 alone sends the string the slow way).
    private static func needsEscaping(_ s: String) -> Bool {
        let escapes = { (byte: UInt8) in byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 }
        return s.utf8.withContiguousStorageIfAvailable { $0.contains(where: escapes) } ?? s.utf8.contains(where: escapes)
    }

    private static func appendEscaped(_ s: String, to out: inout String) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            // Legal JSON, but they end lines in JavaScript source; escaping keeps output embeddable.
            case "\u{2028}", "\u{2029}": out += "\\u" + String(scalar.value, radix: 16)
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
