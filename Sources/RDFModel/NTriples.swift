/// N-Triples / N-Quads / SPARQL-compatible term syntax (RDF 1.1 N-Triples, section 2).
extension RDFTerm {
    /// The term as N-Triples writes it: `<iri>`, `_:label`, `"lex"@lang`, `"lex"^^<dt>`.
    public var ntriples: String {
        switch self {
        case .iri(let iri): return "<\(NTriples.escapeIRI(iri))>"
        case .blank(let label): return "_:\(label)"
        case .literal(let lex, let language, let datatype):
            let quoted = "\"\(NTriples.escapeString(lex))\""
            if let language { return "\(quoted)@\(language)" }
            if let datatype, datatype != Vocabulary.xsdString { return "\(quoted)^^<\(NTriples.escapeIRI(datatype))>" }
            return quoted
        }
    }
}

extension Quad {
    /// One N-Quads line, without the trailing newline.
    public var nquads: String {
        var line = "\(subject.ntriples) \(predicate.ntriples) \(object.ntriples)"
        if let graph { line += " \(graph.ntriples)" }
        return line + " ."
    }
}

/// Escaping rules shared by the N-Triples family of writers.
public enum NTriples {
    /// Escapes a string literal's lexical form (ECHAR plus other control characters as UCHAR).
    public static func escapeString(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Escapes the characters N-Triples forbids inside `<…>`.
    public static func escapeIRI(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                out += "\\u" + hex(scalar.value, width: 4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
