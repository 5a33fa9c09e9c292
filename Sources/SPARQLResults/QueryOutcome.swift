import RDFModel

/// What a SPARQL query returns: solutions (SELECT), a truth value (ASK) or a graph (CONSTRUCT, DESCRIBE).
public enum QueryOutcome: Sendable, Equatable {
    /// The solution sequence of a SELECT query.
    case solutions(SolutionTable)
    /// The answer of an ASK query.
    case boolean(Bool)
    /// The triples of a CONSTRUCT or DESCRIBE query (`graph` of each quad is nil).
    case graph([Quad])
}

/// A solution sequence: named variables and one row of values per solution.
public struct SolutionTable: Sendable, Equatable {
    /// Variable names without the leading `?`, in projection order.
    public var variables: [String]
    /// One array per solution, aligned with `variables`; nil marks an unbound variable.
    public var rows: [[RDFTerm?]]

    /// Creates a table; every row must have one entry per variable.
    public init(variables: [String], rows: [[RDFTerm?]] = []) {
        self.variables = variables
        self.rows = rows
    }
}
