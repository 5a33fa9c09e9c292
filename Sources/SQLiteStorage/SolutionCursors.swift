import RDFModel
import Redland

/// Solutions computed before they are asked for (a `GroupCountPlan`'s groups).
final class ComputedSolutions: SolutionCursor {
    let variables: [String]
    private var rows: IndexingIterator<[[RDFTerm?]]>

    init(variables: [String], rows: [[RDFTerm?]]) {
        self.variables = variables
        self.rows = rows.makeIterator()
    }

    func next() -> [RDFTerm?]? { rows.next() }
}

/// Solutions already read from a cursor, then the rest of it.
final class PrefetchedSolutions: SolutionCursor {
    private var read: IndexingIterator<[[RDFTerm?]]>
    private let rest: any SolutionCursor

    var variables: [String] { rest.variables }

    init(_ read: [[RDFTerm?]], then rest: any SolutionCursor) {
        self.read = read.makeIterator()
        self.rest = rest
    }

    func next() -> [RDFTerm?]? { read.next() ?? rest.next() }
}
