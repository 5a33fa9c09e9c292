/// Reads N-Triples and N-Quads text (RDF 1.1) into quads, and single terms in the same syntax.
///
/// The reader accepts what `rapper -o ntriples` and `roqet` print: one statement per line,
/// `#` comments, `\uXXXX`/`\UXXXXXXXX` escapes in IRIs and strings, and the string escapes of
/// N-Triples (`\t \b \n \r \f \" \' \\`).
public enum NTriplesReader {
    /// Parses a whole N-Triples or N-Quads document; a fourth term on a line names the graph.
    public static func quads(from text: String) throws(NTriplesSyntaxError) -> [Quad] {
        var quads: [Quad] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var scanner = TermScanner(Substring(line), line: lineNumber)
            scanner.skipSpaceAndComment()
            if scanner.atEnd { continue }
            let subject = try scanner.term()
            let predicate = try scanner.term()
            let object = try scanner.term()
            scanner.skipSpaceAndComment()
            var graph: RDFTerm?
            if scanner.peek != "." { graph = try scanner.term() }
            try scanner.expect(".")
            scanner.skipSpaceAndComment()
            guard scanner.atEnd else { throw scanner.error("unexpected text after '.'") }
            guard !subject.isLiteral, predicate.isIRI, graph.map({ !$0.isLiteral }) ?? true else {
                throw scanner.error("literal or blank node in a position that needs an IRI")
            }
            quads.append(Quad(subject, predicate, object, graph: graph))
        }
        return quads
    }

    /// Parses exactly one term (`<iri>`, `_:label` or a literal), ignoring surrounding spaces.
    public static func term(from text: String) throws(NTriplesSyntaxError) -> RDFTerm {
        var scanner = TermScanner(Substring(text), line: 1)
        let term = try scanner.term()
        scanner.skipSpaceAndComment()
        guard scanner.atEnd else { throw scanner.error("unexpected text after the term") }
        return term
    }
}

/// A syntax error in N-Triples text, with the 1-based line it was found on.
public struct NTriplesSyntaxError: Error, Equatable, CustomStringConvertible {
    /// The 1-based line number of the offending statement.
    public var line: Int
    /// What was wrong.
    public var message: String

    public var description: String { "N-Triples line \(line): \(message)" }
}

/// A cursor over one line's Unicode scalars.
private struct TermScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let line: Int

    init(_ text: Substring, line: Int) {
        scalars = Array(text.unicodeScalars)
        self.line = line
    }

    var atEnd: Bool { index >= scalars.count }
    var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    func error(_ message: String) -> NTriplesSyntaxError { NTriplesSyntaxError(line: line, message: message) }

    mutating func skipSpaceAndComment() {
        while let c = peek, c == " " || c == "\t" || c == "\r" { index += 1 }
        if peek == "#" { index = scalars.count }
    }

    mutating func expect(_ c: Unicode.Scalar) throws(NTriplesSyntaxError) {
        skipSpaceAndComment()
        guard peek == c else { throw error("expected '\(c)'") }
        index += 1
    }

    mutating func term() throws(NTriplesSyntaxError) -> RDFTerm {
        skipSpaceAndComment()
        switch peek {
        case "<": return .iri(try iri())
        case "_": return .blank(try blankLabel())
        case "\"": return try literal()
        case nil: throw error("expected a term, found end of line")
        case let c?: throw error("expected a term, found '\(c)'")
        }
    }

    private mutating func iri() throws(NTriplesSyntaxError) -> String {
        index += 1  // "<"
        var out = String.UnicodeScalarView()
        while let c = peek {
            index += 1
            switch c {
            case ">": return String(out)
            case "\\": out.append(try unicodeEscape())
            default: out.append(c)
            }
        }
        throw error("unterminated IRI")
    }

    private mutating func blankLabel() throws(NTriplesSyntaxError) -> String {
        index += 1
        guard peek == ":" else { throw error("expected '_:'") }
        index += 1
        let start = index
        while let c = peek, !Self.endsBlankLabel(c) { index += 1 }
        // A label may contain '.' but not end with one: a trailing '.' ends the statement.
        while index > start, scalars[index - 1] == "." { index -= 1 }
        guard index > start else { throw error("empty blank node label") }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private static func endsBlankLabel(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\r" || c == "<" || c == "\"" || c == "#" || c == "," || c == ";"
    }

    private mutating func literal() throws(NTriplesSyntaxError) -> RDFTerm {
        index += 1  // opening quote
        var lexical = String.UnicodeScalarView()
        while true {
            guard let c = peek else { throw error("unterminated string") }
            index += 1
            if c == "\"" { break }
            if c == "\\" { lexical.append(try stringEscape()) } else { lexical.append(c) }
        }
        let lex = String(lexical)
        if peek == "@" {
            index += 1
            let start = index
            while let c = peek, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" { index += 1 }
            guard index > start else { throw error("empty language tag") }
            return .literal(lex, language: String(String.UnicodeScalarView(scalars[start..<index])))
        }
        if peek == "^" {
            index += 1
            guard peek == "^" else { throw error("expected '^^'") }
            index += 1
            guard peek == "<" else { throw error("expected a datatype IRI after '^^'") }
            return .literal(lex, datatype: try iri())
        }
        return .literal(lex)
    }

    private mutating func stringEscape() throws(NTriplesSyntaxError) -> Unicode.Scalar {
        guard let c = peek else { throw error("dangling backslash") }
        switch c {
        case "t": index += 1; return "\t"
        case "b": index += 1; return "\u{8}"
        case "n": index += 1; return "\n"
        case "r": index += 1; return "\r"
        case "f": index += 1; return "\u{C}"
        case "\"", "'", "\\": index += 1; return c
        default: return try unicodeEscape()
        }
    }

    /// Reads the `uXXXX` or `UXXXXXXXX` that follows a backslash.
    private mutating func unicodeEscape() throws(NTriplesSyntaxError) -> Unicode.Scalar {
        let width: Int
        switch peek {
        case "u": width = 4
        case "U": width = 8
        default: throw error("invalid escape")
        }
        index += 1
        guard index + width <= scalars.count,
              let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + width])), radix: 16),
              let scalar = Unicode.Scalar(value)
        else { throw error("invalid \\u escape") }
        index += width
        return scalar
    }
}
