import RDFModel

/// Writes SPARQL 1.1 Query Results TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/).
///
/// A `?var` header, then one line per solution with each term in N-Triples syntax (which is valid
/// Turtle, as the format requires; tabs and line breaks inside literals are escaped by it).
/// Unbound variables are empty fields.
public struct TSVResultsWriter: SolutionWriter {
    private let output: (String) -> Void

    /// Creates a writer that sends the document to `output` line by line.
    public init(output: @escaping (String) -> Void) {
        self.output = output
    }

    public mutating func begin(variables: [String]) {
        output(variables.map { "?" + $0 }.joined(separator: "\t") + "\n")
    }

    public mutating func write(row: [RDFTerm?]) {
        output(row.map { $0?.ntriples ?? "" }.joined(separator: "\t") + "\n")
    }

    public mutating func end() {}
}
