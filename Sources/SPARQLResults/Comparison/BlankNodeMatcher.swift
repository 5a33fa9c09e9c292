import RDFModel

/// Decides whether two collections of rows are equal up to a renaming of blank nodes: a
/// bijection between the blank-node labels of each side that turns one into the other.
///
/// Rows must already be canonical terms. Unordered matching is a backtracking search, fine for
/// test-suite sizes; it gives up (answering "not equal") after `stepLimit` attempts so that a
/// pathological case cannot hang a test run.
struct BlankNodeMatcher {
    /// The outcome of a match.
    enum Verdict: Equatable {
        case equal
        case notEqual
        case gaveUp
    }

    static let stepLimit = 200_000

    private var mapping = Bijection()
    private var steps = 0

    /// Matches rows position by position (both arrays must have the same count).
    static func matchOrdered(_ expected: [[RDFTerm?]], _ actual: [[RDFTerm?]]) -> (verdict: Verdict, firstMismatch: Int?) {
        var mapping = Bijection()
        for (index, (e, a)) in zip(expected, actual).enumerated() where mapping.unify(e, a) == nil {
            return (.notEqual, index)
        }
        return (.equal, nil)
    }

    /// Matches rows as multisets (both arrays must have the same count).
    static func matchUnordered(_ expected: [[RDFTerm?]], _ actual: [[RDFTerm?]]) -> Verdict {
        let (groundExpected, blankExpected) = expected.partitioned(by: \.mentionsBlankNode)
        let (groundActual, blankActual) = actual.partitioned(by: \.mentionsBlankNode)
        guard groundExpected.countedSet == groundActual.countedSet else { return .notEqual }
        // Only rows with blank nodes in the same positions and equal other terms can match.
        let candidates = Dictionary(grouping: blankActual.indices, by: { blankActual[$0].shape })
        let plan = blankExpected
            .map { (row: $0, candidates: candidates[$0.shape] ?? []) }
            .sorted { $0.candidates.count < $1.candidates.count }
        if plan.contains(where: \.candidates.isEmpty) { return .notEqual }
        var matcher = BlankNodeMatcher()
        var used = [Bool](repeating: false, count: blankActual.count)
        let found = matcher.search(plan[...], blankActual, &used)
        if matcher.steps > stepLimit { return .gaveUp }
        return found ? .equal : .notEqual
    }

    private mutating func search(_ plan: ArraySlice<(row: [RDFTerm?], candidates: [Int])>, _ actual: [[RDFTerm?]],
                                 _ used: inout [Bool]) -> Bool {
        guard let next = plan.first else { return true }
        for candidate in next.candidates where !used[candidate] {
            steps += 1
            if steps > Self.stepLimit { return false }
            guard let added = mapping.unify(next.row, actual[candidate]) else { continue }
            used[candidate] = true
            if search(plan.dropFirst(), actual, &used) { return true }
            used[candidate] = false
            mapping.undo(added)
        }
        return false
    }
}

/// A partial one-to-one mapping between the blank-node labels of two sides.
private struct Bijection {
    private var forward: [String: String] = [:]
    private var backward: [String: String] = [:]

    /// Extends the mapping so that row `a` maps onto row `b`; returns the labels it added, or nil
    /// (leaving the mapping unchanged) if the rows cannot correspond.
    mutating func unify(_ a: [RDFTerm?], _ b: [RDFTerm?]) -> [String]? {
        guard a.count == b.count else { return nil }
        var added: [String] = []
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.blank(let l)?, .blank(let r)?):
                if let mapped = forward[l] {
                    if mapped == r { continue }
                } else if backward[r] == nil {
                    forward[l] = r
                    backward[r] = l
                    added.append(l)
                    continue
                }
            default:
                if x == y { continue }
            }
            undo(added)
            return nil
        }
        return added
    }

    mutating func undo(_ added: [String]) {
        for label in added {
            if let r = forward.removeValue(forKey: label) { backward[r] = nil }
        }
    }
}

extension Array where Element == RDFTerm? {
    var mentionsBlankNode: Bool { contains { $0?.isBlank ?? false } }

    /// The row with every blank node replaced by one placeholder: rows that can match share a shape.
    var shape: [RDFTerm?] { map { $0?.isBlank == true ? .blank("") : $0 } }
}

extension Array {
    func partitioned(by isSecond: (Element) -> Bool) -> ([Element], [Element]) {
        var first: [Element] = [], second: [Element] = []
        for element in self {
            if isSecond(element) { second.append(element) } else { first.append(element) }
        }
        return (first, second)
    }
}

extension Array where Element: Hashable {
    /// Each distinct element with the number of times it occurs.
    var countedSet: [Element: Int] { reduce(into: [:]) { $0[$1, default: 0] += 1 } }
}
