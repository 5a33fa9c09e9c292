import RDFModel

/// Writes SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/).
///
/// Strings are written as raw UTF-8 (characters outside the BMP included), escaping only what
/// JSON requires plus U+2028/U+2029, so the output is valid JSON for every Swift string —
/// unlike Redland's own JSON writer, which mangles characters outside the BMP.
public struct JSONResultsWriter: SolutionWriter {
    private let output: (String) -> Void
    private var variables: [String] = []
    private var rowsWritten = 0

    /// Creates a writer that sends the document to `output` piece by piece.
    public init(output: @escaping (String) -> Void) {
        self.output = output
    }

    public mutating func begin(variables: [String]) {
        self.variables = variables
        let vars = variables.map(Self.quoted).joined(separator: ", ")
        output("{\n  \"head\": { \"vars\": [ \(vars) ] },\n  \"results\": {\n    \"bindings\": [")
    }

    public mutating func write(row: [RDFTerm?]) {
        let bindings = zip(variables, row).compactMap { name, term in
            term.map { "\(Self.quoted(name)): \(Self.object(for: $0))" }
        }
        output((rowsWritten == 0 ? "\n" : ",\n") + "      { " + bindings.joined(separator: ", ") + " }")
        rowsWritten += 1
    }

    public mutating func end() {
        output(rowsWritten == 0 ? "]\n  }\n}\n" : "\n    ]\n  }\n}\n")
    }

    /// The complete document for an ASK result.
    static func booleanDocument(_ value: Bool) -> String {
        "{\"head\":{},\"boolean\":\(value)}\n"
    }

    /// The RDF term object: `{"type": …, "value": …}` plus `xml:lang` or `datatype`.
    private static func object(for term: RDFTerm) -> String {
        switch term {
        case .iri(let iri):
            return "{ \"type\": \"uri\", \"value\": \(quoted(iri)) }"
        case .blank(let label):
            return "{ \"type\": \"bnode\", \"value\": \(quoted(label)) }"
        case .literal(let lex, let language, let datatype):
            var members = "\"type\": \"literal\", \"value\": \(quoted(lex))"
            if let language {
                members += ", \"xml:lang\": \(quoted(language))"
            } else if let datatype, datatype != Vocabulary.xsdString {
                members += ", \"datatype\": \(quoted(datatype))"
            }
            return "{ \(members) }"
        }
    }

    /// A JSON string literal for `s`.
    static func quoted(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }
}
