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

/// A cursor's solutions without the hidden variables the rewrites add (`AggregateRewrite`,
/// `StringArgumentRewrite`) and without `outOfScope` ones (`SelectAllScope`), or with its columns
/// in another order or under other names.
final class VisibleSolutions: SolutionCursor {
    /// The start of every hidden variable's name (a user's variable named so is hidden too).
    static let hiddenPrefix = "__coatt_"

    let variables: [String]
    private let kept: [Int]
    private let base: any SolutionCursor

    /// `cursor` itself when it has no column to hide.
    static func of(_ cursor: any SolutionCursor, outOfScope: Set<String> = []) -> any SolutionCursor {
        cursor.variables.contains { isHidden($0) || outOfScope.contains($0) } ? VisibleSolutions(cursor, outOfScope: outOfScope) : cursor
    }

    static func isHidden(_ variable: String) -> Bool { variable.hasPrefix(hiddenPrefix) }

    /// `cursor` with its columns in the order of `ranks` (lowest first; a column without one
    /// last, the rest keeping their order); `cursor` itself when they already are.
    static func of(_ cursor: any SolutionCursor, ranks: [String: Int]) -> any SolutionCursor {
        let order = cursor.variables.indices.sorted { (ranks[cursor.variables[$0]] ?? .max, $0) < (ranks[cursor.variables[$1]] ?? .max, $1) }
        return order == Array(cursor.variables.indices) ? cursor : VisibleSolutions(cursor, kept: order)
    }

    /// `cursor` with its columns named by `rename`; `cursor` itself when no name changes.
    static func of(_ cursor: any SolutionCursor, renaming rename: (String) -> String) -> any SolutionCursor {
        let names = cursor.variables.map(rename)
        return names == cursor.variables ? cursor : VisibleSolutions(cursor, kept: Array(cursor.variables.indices), names: names)
    }

    private convenience init(_ base: any SolutionCursor, outOfScope: Set<String>) {
        self.init(base, kept: base.variables.indices.filter { !Self.isHidden(base.variables[$0]) && !outOfScope.contains(base.variables[$0]) })
    }

    private init(_ base: any SolutionCursor, kept: [Int], names: [String]? = nil) {
        self.base = base
        self.kept = kept
        variables = names ?? kept.map { base.variables[$0] }
    }

    func next() -> [RDFTerm?]? { base.next().map { row in kept.map { row[$0] } } }
}

/// A cursor's solutions without repeats (`SolutionModifiers`): each row's first occurrence, told
/// apart by its visible terms byte for byte (SPARQL's `sameTerm`; String's `==` would equate
/// canonically equivalent text).
final class DistinctSolutions: SolutionCursor {
    private let base: any SolutionCursor
    private let visible: [Int]
    private var seen = Set<[UInt8]>()

    var variables: [String] { base.variables }

    init(_ base: any SolutionCursor) {
        self.base = base
        visible = base.variables.indices.filter { !VisibleSolutions.isHidden(base.variables[$0]) }
    }

    func next() -> [RDFTerm?]? {
        while let row = base.next() {
            if seen.insert(Self.key(visible.map { row[$0] })).inserted { return row }
        }
        return nil
    }

    /// The terms' kinds and UTF-8 bytes, each part ended by 0xFF (never a UTF-8 byte).
    private static func key(_ terms: [RDFTerm?]) -> [UInt8] {
        var key: [UInt8] = []
        for term in terms {
            switch term {
            case nil: key.append(0)
            case .blank(let label)?: key.append(1); key += label.utf8
            case .iri(let iri)?: key.append(2); key += iri.utf8
            case .literal(let lexical, let language, let datatype)?:
                key.append(language != nil ? 3 : 4)
                key += lexical.utf8
                key.append(0xFF)
                // RDF 1.1: a simple literal is an xsd:string.
                key += (language ?? (datatype == Vocabulary.xsdString ? nil : datatype) ?? "").utf8
            }
            key.append(0xFF)
        }
        return key
    }
}

/// A cursor's solutions from `offset` on, at most `limit` of them.
final class SlicedSolutions: SolutionCursor {
    private let base: any SolutionCursor
    private var skip: Int
    private var remaining: Int?

    var variables: [String] { base.variables }

    init(_ base: any SolutionCursor, offset: Int, limit: Int?) {
        (self.base, skip, remaining) = (base, offset, limit)
    }

    func next() -> [RDFTerm?]? {
        while skip > 0, base.next() != nil { skip -= 1 }
        skip = 0
        if let left = remaining {
            guard left > 0 else { return nil }
            remaining = left - 1
        }
        return base.next()
    }
}
