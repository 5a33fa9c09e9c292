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

/// A cursor's solutions without the hidden variables the rewrites add (`AggregateRewrite`,
/// `StringArgumentRewrite`).
final class VisibleSolutions: SolutionCursor {
    /// The start of every hidden variable's name (a user's variable named so is hidden too).
    static let hiddenPrefix = "__coatt_"

    let variables: [String]
    private let kept: [Int]
    private let base: any SolutionCursor

    /// `cursor` itself when it has no hidden column.
    static func of(_ cursor: any SolutionCursor) -> any SolutionCursor {
        cursor.variables.contains(where: isHidden) ? VisibleSolutions(cursor) : cursor
    }

    static func isHidden(_ variable: String) -> Bool { variable.hasPrefix(hiddenPrefix) }

    private init(_ base: any SolutionCursor) {
        self.base = base
        kept = base.variables.indices.filter { !Self.isHidden(base.variables[$0]) }
        variables = kept.map { base.variables[$0] }
    }

    func next() -> [RDFTerm?]? { base.next().map { row in kept.map { row[$0] } } }
}
