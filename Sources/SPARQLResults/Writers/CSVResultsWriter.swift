import RDFModel

/// Writes SPARQL 1.1 Query Results CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/).
///
/// Values only — IRIs, lexical forms and `_:labels` without type information — quoted as
/// RFC 4180 requires, with CRLF line ends. Unbound variables are empty fields.
public struct CSVResultsWriter: SolutionWriter {
    private let output: (String) -> Void

    /// Creates a writer that sends the document to `output` line by line.
    public init(output: @escaping (String) -> Void) {
        self.output = output
    }

    public mutating func begin(variables: [String]) {
        output(variables.map(Self.field).joined(separator: ",") + "\r\n")
    }

    public mutating func write(row: [RDFTerm?]) {
        output(row.map { Self.field($0?.plainText ?? "") }.joined(separator: ",") + "\r\n")
    }

    public mutating func end() {}

    /// A field, quoted when it contains a comma, quote or line break (quotes doubled).
    static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
