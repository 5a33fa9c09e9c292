/// The result formats `coatt` can print.
public enum ResultsFormat: String, CaseIterable, Sendable {
    /// SPARQL 1.1 Query Results JSON Format.
    case json
    /// SPARQL Query Results XML Format.
    case xml
    /// SPARQL 1.1 Query Results CSV Format (values only, lossy).
    case csv
    /// SPARQL 1.1 Query Results TSV Format (terms in N-Triples syntax).
    case tsv
    /// An aligned text table for people at a terminal.
    case table

    /// A writer for SELECT results in this format, sending text to `output`.
    public func makeWriter(output: @escaping (String) -> Void) -> any SolutionWriter {
        switch self {
        case .json: return JSONResultsWriter(output: output)
        case .xml: return XMLResultsWriter(output: output)
        case .csv: return CSVResultsWriter(output: output)
        case .tsv: return TSVResultsWriter(output: output)
        case .table: return TableResultsWriter(output: output)
        }
    }

    /// Writes an ASK result in this format.
    ///
    /// The CSV/TSV specification covers SELECT results only; for those formats the answer is
    /// written as a one-column table whose column is named `_askResult` (as Apache Jena does),
    /// so the output stays a valid CSV/TSV document.
    public func writeBoolean(_ value: Bool, output: (String) -> Void) {
        switch self {
        case .json: output(JSONResultsWriter.booleanDocument(value))
        case .xml: output(XMLResultsWriter.booleanDocument(value))
        case .csv: output("_askResult\r\n\(value)\r\n")
        case .tsv: output("?_askResult\n\(value)\n")
        case .table: output("\(value)\n")
        }
    }
}
