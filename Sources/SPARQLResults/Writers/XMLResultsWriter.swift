import RDFModel

/// Writes the SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/).
///
/// XML 1.0 cannot carry most C0 control characters (U+0000–U+0008, U+000B, U+000C,
/// U+000E–U+001F) nor U+FFFE/U+FFFF, not even as character references, so those are written as
/// U+FFFD REPLACEMENT CHARACTER: the document stays well-formed at the cost of that one character.
/// Carriage returns (and, in attributes, tabs and line feeds) are written as character references
/// so XML end-of-line and attribute normalisation cannot change them.
public struct XMLResultsWriter: SolutionWriter {
    /// The namespace of the results vocabulary.
    public static let namespace = "http://www.w3.org/2005/sparql-results#"

    private let output: (String) -> Void
    private var variables: [String] = []

    /// Creates a writer that sends the document to `output` piece by piece.
    public init(output: @escaping (String) -> Void) {
        self.output = output
    }

    public mutating func begin(variables: [String]) {
        self.variables = variables
        var head = Self.prologue + "  <head>\n"
        for name in variables { head += "    <variable name=\"\(Self.escaped(name, inAttribute: true))\"/>\n" }
        output(head + "  </head>\n  <results>\n")
    }

    public mutating func write(row: [RDFTerm?]) {
        var result = "    <result>\n"
        for (name, term) in zip(variables, row) {
            guard let term else { continue }
            result += "      <binding name=\"\(Self.escaped(name, inAttribute: true))\">\(Self.element(for: term))</binding>\n"
        }
        output(result + "    </result>\n")
    }

    public mutating func end() {
        output("  </results>\n</sparql>\n")
    }

    /// The complete document for an ASK result.
    static func booleanDocument(_ value: Bool) -> String {
        prologue + "  <head>\n  </head>\n  <boolean>\(value)</boolean>\n</sparql>\n"
    }

    private static let prologue = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sparql xmlns=\"\(namespace)\">\n"

    private static func element(for term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return "<uri>\(escaped(iri))</uri>"
        case .blank(let label): return "<bnode>\(escaped(label))</bnode>"
        case .literal(let lex, let language, let datatype):
            var attributes = ""
            if let language {
                attributes = " xml:lang=\"\(escaped(language, inAttribute: true))\""
            } else if let datatype, datatype != Vocabulary.xsdString {
                attributes = " datatype=\"\(escaped(datatype, inAttribute: true))\""
            }
            return "<literal\(attributes)>\(escaped(lex))</literal>"
        }
    }

    /// `s` as XML character data, or as an attribute value between double quotes.
    static func escaped(_ s: String, inAttribute: Bool = false) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where inAttribute: out += "&quot;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
