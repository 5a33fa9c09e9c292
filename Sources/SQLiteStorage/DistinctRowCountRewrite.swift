/// `COUNT(DISTINCT *)`, which rasqal 0.9.33 counts wrongly (1 for every group). It counts a
/// group's distinct solutions, so where every other aggregate of the SELECT clause is one that
/// repeats do not change (MIN, MAX, SAMPLE, or any with DISTINCT), the clause's WHERE clause is
/// made distinct first and `COUNT(*)` counts it: `SELECT ?s (COUNT(DISTINCT *) AS ?n) { W } GROUP
/// BY ?s` becomes `SELECT ?s (COUNT(*) AS ?n) { SELECT DISTINCT * { W } } GROUP BY ?s`. Beside
/// other aggregates it is left as written (a known limit).
struct DistinctRowCountRewrite: TokenWalk {
    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        for clause in SelectClause.all(in: tokens) {
            let calls = [clause.projection, clause.having, clause.order].flatMap(tokens.aggregateCalls)
            let rowCounts = calls.filter(countsDistinctRows)
            guard !rowCounts.isEmpty, calls.allSatisfy({ countsDistinctRows($0) || ignoresRepeats($0) }) else { continue }
            for call in rowCounts { edits.replace(call, of: tokens, with: "COUNT(*)") }
            let open = clause.whereGroup.lowerBound, close = clause.whereGroup.upperBound
            edits.replace(open..<(open + 1), of: tokens, with: "{ SELECT DISTINCT * WHERE {")
            edits.replace(close..<(close + 1), of: tokens, with: "} }")
        }
    }

    /// `COUNT(DISTINCT *)`.
    private func countsDistinctRows(_ call: Range<Int>) -> Bool {
        tokens.spelling(call) == "COUNT ( DISTINCT * )"
    }

    /// An aggregate whose value repeated solutions do not change.
    private func ignoresRepeats(_ call: Range<Int>) -> Bool {
        ["MIN", "MAX", "SAMPLE"].contains(tokens[call.lowerBound].text.uppercased()) || tokens[call.lowerBound + 2].isKeyword("DISTINCT")
    }
}
