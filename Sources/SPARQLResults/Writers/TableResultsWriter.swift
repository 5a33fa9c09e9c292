import RDFModel

/// Writes solutions as an aligned text table for a terminal, with a row-count footer.
///
/// IRIs appear as `<…>` and literals in N-Triples syntax, so line breaks in values are escaped and
/// cannot break the layout. Widths count grapheme clusters, which is right for most text but not
/// for East Asian wide characters. Rows are buffered until `end()` because every row must be seen
/// before the column widths are known.
public struct TableResultsWriter: SolutionWriter {
    private let output: (String) -> Void
    private var header: [String] = []
    private var cells: [[String]] = []

    /// Creates a writer that sends the table to `output` when `end()` is called.
    public init(output: @escaping (String) -> Void) {
        self.output = output
    }

    public mutating func begin(variables: [String]) {
        header = variables.map { "?" + $0 }
    }

    public mutating func write(row: [RDFTerm?]) {
        cells.append(row.map { $0?.ntriples ?? "" })
    }

    public mutating func end() {
        var widths = header.map(\.count)
        for row in cells {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+\n"
        func line(_ row: [String]) -> String {
            "| " + zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |\n"
        }
        var text = rule + line(header) + rule
        for row in cells { text += line(row) }
        if !cells.isEmpty { text += rule }
        output(text + "\(cells.count) row\(cells.count == 1 ? "" : "s")\n")
    }
}
