import RDFModel

/// Whether two outcomes are the same result as the SPARQL test suites define it: solutions as
/// multisets (or sequences when `ordered`), variables as sets, blank nodes up to a consistent
/// renaming, graphs up to blank-node isomorphism, literals per RDF 1.1 term equality.
public func resultsEqual(_ a: QueryOutcome, _ b: QueryOutcome, ordered: Bool) -> Bool {
    resultsDifference(expected: a, actual: b, options: ComparisonOptions(ordered: ordered)) == nil
}

/// The first difference between expected and actual results, for people, or nil when they are
/// equal under `options` (see `resultsEqual`).
public func resultsDifference(expected: QueryOutcome, actual: QueryOutcome, options: ComparisonOptions = ComparisonOptions()) -> String? {
    switch (expected, actual) {
    case (.boolean(let e), .boolean(let a)):
        return e == a ? nil : "expected \(e), got \(a)"
    case (.solutions(let e), .solutions(let a)):
        return solutionsDifference(e, a, options)
    case (.graph(let e), .graph(let a)):
        return graphDifference(e, a, options: options)
    default:
        return "expected \(expected.kindDescription), got \(actual.kindDescription)"
    }
}

private func solutionsDifference(_ expected: SolutionTable, _ actual: SolutionTable, _ options: ComparisonOptions) -> String? {
    guard Set(expected.variables) == Set(actual.variables) else {
        return "variables differ: expected \(expected.variables.sorted()), got \(actual.variables.sorted())"
            + " (\(count(expected.rows.count, "solution")) expected, \(actual.rows.count) got)"
    }
    let variables = expected.variables
    // Put the actual columns in the expected order so rows compare position by position.
    let columns = variables.map { actual.variables.firstIndex(of: $0)! }
    func canonical(_ row: [RDFTerm?]) -> [RDFTerm?] { row.map { $0?.canonical(for: options) } }
    var e = expected.rows.map(canonical)
    var a = actual.rows.map { row in canonical(columns.map { row[$0] }) }
    if options.laxCardinality {
        e = e.uniqued()
        a = a.uniqued()
    }
    let describe = { (row: [RDFTerm?]) in describeSolution(row, variables) }
    if e.count != a.count {
        return "expected \(count(e.count, "solution")), got \(a.count)" + excessDescription(e, a, describe)
    }
    if options.ordered {
        let (verdict, mismatch) = BlankNodeMatcher.matchOrdered(e, a)
        guard verdict != .equal, let index = mismatch else { return nil }
        let reordered = BlankNodeMatcher.matchUnordered(e, a) == .equal ? "the same solutions in a different order; " : ""
        return "\(reordered)solution \(index + 1) differs: expected \(describe(e[index])), got \(describe(a[index]))"
    }
    return unorderedDifference(e, a, what: "solutions", describe)
}

private func graphDifference(_ expected: [Quad], _ actual: [Quad], options: ComparisonOptions) -> String? {
    func rows(_ quads: [Quad]) -> [[RDFTerm?]] {
        quads.map { [$0.subject, $0.predicate, $0.object, $0.graph].map { $0?.canonical(for: options) } }.uniqued()
    }
    let e = rows(expected), a = rows(actual)
    let describe = { (row: [RDFTerm?]) in row.compactMap { $0.map(describeTerm) }.joined(separator: " ") + " ." }
    if e.count != a.count {
        return "expected \(count(e.count, "triple")), got \(a.count)" + excessDescription(e, a, describe)
    }
    return unorderedDifference(e, a, what: "triples", describe)
}

/// Compares equally long row collections as multisets up to blank-node renaming.
private func unorderedDifference(_ e: [[RDFTerm?]], _ a: [[RDFTerm?]], what: String,
                                 _ describe: ([RDFTerm?]) -> String) -> String? {
    switch BlankNodeMatcher.matchUnordered(e, a) {
    case .equal:
        return nil
    case .gaveUp:
        return "could not decide blank-node isomorphism within \(BlankNodeMatcher.stepLimit) steps"
    case .notEqual:
        let excess = excessDescription(e, a, describe)
        return excess.isEmpty ? "\(what) differ only in which blank nodes are shared" : "\(what) differ" + excess
    }
}

/// The first expected row without a counterpart and the first actual row without one, ignoring
/// blank-node labels; empty when every row has a counterpart.
private func excessDescription(_ e: [[RDFTerm?]], _ a: [[RDFTerm?]], _ describe: ([RDFTerm?]) -> String) -> String {
    func firstUnmatched(_ rows: [[RDFTerm?]], against others: [[RDFTerm?]]) -> [RDFTerm?]? {
        var available = others.map(\.shape).countedSet
        for row in rows {
            if let n = available[row.shape], n > 0 { available[row.shape] = n - 1 } else { return row }
        }
        return nil
    }
    var text = ""
    if let missing = firstUnmatched(e, against: a) { text += "; missing \(describe(missing))" }
    if let extra = firstUnmatched(a, against: e) { text += "; unexpected \(describe(extra))" }
    return text
}

private func describeSolution(_ row: [RDFTerm?], _ variables: [String]) -> String {
    let bound = zip(variables, row).compactMap { name, term in term.map { "?\(name)=\(describeTerm($0))" } }
    return "{ " + bound.joined(separator: " ") + " }"
}

/// N-Triples syntax, with XML Schema datatypes shortened to `xsd:` to keep messages readable.
private func describeTerm(_ term: RDFTerm) -> String {
    let xsd = "http://www.w3.org/2001/XMLSchema#"
    if case .literal(let lex, nil, let datatype?) = term, datatype.hasPrefix(xsd) {
        return RDFTerm.literal(lex).ntriples + "^^xsd:" + datatype.dropFirst(xsd.count)
    }
    return term.ntriples
}

/// `1 solution`, `2 solutions`.
private func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}

extension QueryOutcome {
    fileprivate var kindDescription: String {
        switch self {
        case .boolean(let value): return "a boolean (\(value))"
        case .solutions(let table): return "solutions (\(table.rows.count))"
        case .graph(let quads): return "a graph (\(quads.count) triples)"
        }
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-occurrence order.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
