import RDFModel

/// Streams one solution sequence in a results format.
///
/// Call `begin(variables:)` once, `write(row:)` per solution and `end()` once. Writers send text
/// to the `output` closure they were created with as soon as they can, so large results never
/// need to be held in memory (except by the `table` format, which must measure every row first).
public protocol SolutionWriter {
    /// Starts the document with the projected variable names (without `?`).
    mutating func begin(variables: [String])
    /// Writes one solution; `row` is aligned with the variables, nil meaning unbound.
    mutating func write(row: [RDFTerm?])
    /// Finishes the document.
    mutating func end()
}

extension SolutionWriter {
    /// Writes a whole table: `begin`, every row, `end`.
    public mutating func write(_ table: SolutionTable) {
        begin(variables: table.variables)
        for row in table.rows { write(row: row) }
        end()
    }
}
