import RDFModel

/// A query's aggregates put in terms rasqal 0.9.33 evaluates as SPARQL 1.1 says. rasqal takes
/// two aggregates of one function for the same when their arguments differ only in variables
/// (or DISTINCT), and answers the first for both (`SUM(?a)` and `SUM(?b)` both sum `?a`); counts
/// unbound values in `COUNT(?v)`; evaluates an aggregate in HAVING only when the projection has the same one (otherwise
/// every group fails the condition, or the query is refused); leaves an aggregate in ORDER BY
/// unevaluated (the order is as it comes); and does not group at all when nothing is aggregated
/// (GROUP BY then keeps every solution).
///
/// So each aggregate's argument is made its own: `?v` becomes `IF(BOUND(?v), ?v, k/0)` (an
/// error, so skipped, where `?v` is unbound) and any other expression `IF(true, (…), k)`, with a
/// number `k` per distinct aggregate, the same wherever that aggregate is written. For each
/// SELECT clause, an aggregate of HAVING or ORDER BY is also projected, under a hidden name
/// (`VisibleSolutions.hiddenPrefix`), and ORDER BY sorts by that variable; a GROUP BY with no
/// aggregate gets a hidden COUNT(*). Callers drop the hidden columns (`VisibleSolutions`).
/// GROUP_CONCAT's SEPARATOR is rasqal's to read and the store's set function to use
/// (CRasqalOverrides' rasqal_aggregate_functions.c).
///
/// Replaced text keeps its line breaks, so rasqal's error messages keep their line numbers.
struct AggregateRewrite: TokenWalk {
    /// The aggregate functions, in upper case.
    static let names: Set<String> = ["COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"]

    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()
    private var hiddenCount = 0
    /// The number that makes each distinct aggregate's argument its own, by `key`.
    private var numbers: [String: Int] = [:]

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        SelectClause.all(in: tokens).forEach { hoistAggregates(of: $0) }
        renderAggregates()
    }

    /// Projects the clause's HAVING and ORDER BY aggregates under hidden names, and a COUNT(*)
    /// when it groups without aggregating.
    private mutating func hoistAggregates(of clause: SelectClause) {
        guard !clause.projectsAll else { return }
        let projected = Set(tokens.aggregateCalls(in: clause.projection).map(key))
        var items: [String] = [], hidden: [String: String] = [:]
        func hide(_ call: Range<Int>) -> String {
            if let variable = hidden[key(call)] { return variable }
            let variable = newHiddenVariable()
            hidden[key(call)] = variable
            items.append("(\(rendered(call)) AS \(variable))")
            return variable
        }
        for call in tokens.aggregateCalls(in: clause.having) where !projected.contains(key(call)) { _ = hide(call) }
        for call in tokens.aggregateCalls(in: clause.order) { edits.replace(call, of: tokens, with: hide(call)) }
        if clause.grouped && projected.isEmpty && items.isEmpty { items.append("(COUNT(*) AS \(newHiddenVariable()))") }
        guard !items.isEmpty else { return }
        let end = clause.projection.upperBound < tokens.count ? tokens[clause.projection.upperBound].range.lowerBound : scalars.count
        edits.replace(end..<end, with: " " + items.joined(separator: " ") + " ")
    }

    /// Renders every aggregate call that no other edit has replaced.
    private mutating func renderAggregates() {
        for call in tokens.aggregateCalls(in: tokens.indices)
        where !edits.overlaps(tokens[call.lowerBound].range.lowerBound..<tokens[call.upperBound - 1].range.upperBound) {
            let text = rendered(call)
            if text != tokens.source(call, in: scalars) { edits.replace(call, of: tokens, with: text) }
        }
    }

    private mutating func newHiddenVariable() -> String {
        hiddenCount += 1
        return "?\(VisibleSolutions.hiddenPrefix)aggregate\(hiddenCount)"
    }

    /// What identifies an aggregate call for rasqal: its tokens, keywords in upper case.
    private func key(_ call: Range<Int>) -> String { tokens.spelling(call) }

    /// The call as rasqal evaluates it right: its argument made its own. `COUNT(*)` and calls not
    /// understood stay as written.
    private mutating func rendered(_ call: Range<Int>) -> String {
        guard let parts = parts(of: call) else { return tokens.source(call, in: scalars) }
        let distinct = parts.distinct ? "DISTINCT " : ""
        let number = numbers[key(call)] ?? (numbers.count + 1)
        numbers[key(call)] = number
        let source = tokens.source(parts.argument, in: scalars)
        let isVariable = parts.argument.count == 1 && tokens[parts.argument.lowerBound].kind == .variable
        let argument = isVariable ? "IF(BOUND(\(source)), \(source), \(number)/0)" : "IF(true, (\(source)), \(number))"
        let separator = parts.separator.map { "; SEPARATOR = \"\(NTriples.escapeString($0))\"" } ?? ""
        return "\(parts.name)(\(distinct)\(argument)\(separator))"
    }

    /// `NAME([DISTINCT] argument [; SEPARATOR = "…"])` taken apart; nil for `*` and for what
    /// does not read so.
    private func parts(of call: Range<Int>) -> (name: String, distinct: Bool, argument: Range<Int>, separator: String?)? {
        let close = call.upperBound - 1
        let distinct = tokens[call.lowerBound + 2].isKeyword("DISTINCT")
        let start = call.lowerBound + (distinct ? 3 : 2)
        var end = start
        while end < close, !tokens[end].isPunctuation(";") {
            guard let next = tokens.indexAfterBracketed(from: end) else { return nil }
            end = next
        }
        guard end > start, end <= close, !(end == start + 1 && tokens[start].isPunctuation("*")) else { return nil }
        var separator: String?
        if end < close {
            guard end + 4 == close, tokens[end + 1].isKeyword("SEPARATOR"), tokens[end + 2].isPunctuation("="),
                  let value = tokens[end + 3].stringValue else { return nil }
            separator = value
        }
        return (tokens[call.lowerBound].text.uppercased(), distinct, start..<end, separator)
    }
}

extension Array where Element == SPARQLToken {
    /// The token ranges of the aggregate calls (`NAME( … )`, `AggregateRewrite.names`) among `range`.
    func aggregateCalls(in range: Range<Int>) -> [Range<Int>] {
        var calls: [Range<Int>] = [], index = range.lowerBound
        while index < range.upperBound {
            if self[index].kind == .word, AggregateRewrite.names.contains(self[index].text.uppercased()),
               index + 1 < range.upperBound, self[index + 1].isPunctuation("("),
               let end = indexAfterBracketed(from: index + 1), end <= range.upperBound {
                calls.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return calls
    }
}
