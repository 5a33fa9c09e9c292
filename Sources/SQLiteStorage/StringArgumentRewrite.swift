/// Computed arguments of CONCAT, STRBEFORE and STRAFTER bound to variables first. rasqal 0.9.33
/// frees an argument's value before it reads its string, so `CONCAT(STR(?x), "!")` or
/// `STRAFTER(STR(?iri), "/")` answer garbage or nothing, while a variable or a constant argument
/// (whose value something else still holds) reads right. So
///
///     BIND(IRI(CONCAT("http://x/", ENCODE_FOR_URI(STR(?o)))) AS ?v)
///
/// becomes `BIND(ENCODE_FOR_URI(STR(?o)) AS ?__coatt_value1) BIND(IRI(CONCAT("http://x/",
/// ?__coatt_value1)) AS ?v)`. The BINDs go right before a BIND, at the end of the group of a
/// FILTER, or at the end of the WHERE clause for an expression of a SELECT (in a grouped one,
/// only aggregates' arguments; `TextEdits.append(_:toWhereClauseOf:in:)`); the hidden variables
/// are dropped from the solutions (`VisibleSolutions`). A CONCAT with a variable argument is
/// unbound unless every such argument is bound. An expression holding a pattern (EXISTS),
/// one of HAVING or ORDER BY, and a grouped SELECT's expression outside its aggregates are left
/// as written.
struct StringArgumentRewrite: TokenWalk {
    private static let functions: Set<String> = ["CONCAT", "STRBEFORE", "STRAFTER"]

    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()
    private var valueCount = 0

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        rewriteBindsAndFilters()
        SelectClause.all(in: tokens).forEach { rewriteProjection(of: $0) }
    }

    /// Each `BIND(expression AS ?v)` and `FILTER …` of every group.
    private mutating func rewriteBindsAndFilters() {
        var groups: [Int] = []  // the `}` of each open group, innermost last
        for index in tokens.indices {
            let token = tokens[index]
            if token.isPunctuation("{"), let after = tokens.indexAfterBracketed(from: index) { groups.append(after - 1) }
            if token.isPunctuation("}"), groups.last == index { groups.removeLast() }
            guard let groupEnd = groups.last, index + 1 < tokens.count,
                  token.isKeyword("BIND") || token.isKeyword("FILTER") else { continue }
            let callStart = token.isKeyword("FILTER") && tokens[index + 1].kind == .word ? index + 2 : index + 1
            guard callStart < tokens.count, tokens[callStart].isPunctuation("("),
                  let end = tokens.indexAfterBracketed(from: callStart) else { continue }
            if token.isKeyword("BIND") {
                guard end - 4 > callStart, tokens[end - 3].isKeyword("AS") else { continue }
                insert(rewrite(expression: (callStart + 1)..<(end - 3)), at: tokens[index].range.lowerBound)
            } else {
                insert(rewrite(expression: (index + 1)..<end), at: tokens[groupEnd].range.lowerBound)
            }
        }
    }

    /// Each `(expression AS ?v)` of a SELECT clause; in a clause that aggregates, only the
    /// aggregates' arguments (evaluated per solution, unlike the rest of its expressions).
    private mutating func rewriteProjection(of clause: SelectClause) {
        guard !clause.projectsAll else { return }
        var binds: [String] = []
        func isAggregate(_ token: SPARQLToken) -> Bool { token.kind == .word && AggregateRewrite.names.contains(token.text.uppercased()) }
        let aggregated = clause.grouped || tokens[clause.projection].contains(where: isAggregate)
        var index = clause.projection.lowerBound
        while index < clause.projection.upperBound {
            let open = aggregated ? index + 1 : index
            guard open < clause.projection.upperBound, tokens[open].isPunctuation("("), !aggregated || isAggregate(tokens[index]),
                  let end = tokens.indexAfterBracketed(from: open) else {
                index += 1
                continue
            }
            if aggregated {
                binds += rewrite(expression: (open + 1)..<(end - 1))
            } else if end - 4 > open, tokens[end - 3].isKeyword("AS") {
                binds += rewrite(expression: (open + 1)..<(end - 3))
            }
            index = end
        }
        edits.append(binds, toWhereClauseOf: clause, in: tokens)
    }

    /// Replaces `expression` by its rewritten text; the BINDs it needs, in order.
    private mutating func rewrite(expression: Range<Int>) -> [String] {
        guard !expression.isEmpty, !tokens[expression].contains(where: { $0.isPunctuation("{") }) else { return [] }
        var binds: [String] = []
        let text = rewritten(expression, binds: &binds)
        if text != tokens.source(expression, in: scalars) { edits.replace(expression, of: tokens, with: text) }
        return binds
    }

    private mutating func insert(_ binds: [String], at position: Int) {
        if !binds.isEmpty { edits.replace(position..<position, with: binds.joined(separator: " ") + " ") }
    }

    /// The text of `range` with each computed argument of the functions replaced by a new
    /// variable, whose BIND (after those its own argument needs) is added to `binds`.
    private mutating func rewritten(_ range: Range<Int>, binds: inout [String]) -> String {
        // Copied as written up to here (a scalar offset).
        var text = "", index = range.lowerBound, copied = tokens[range.lowerBound].range.lowerBound
        while index < range.upperBound {
            guard tokens[index].kind == .word, StringArgumentRewrite.functions.contains(tokens[index].text.uppercased()),
                  index + 1 < range.upperBound, tokens[index + 1].isPunctuation("("),
                  let end = tokens.indexAfterBracketed(from: index + 1), end <= range.upperBound else {
                index += 1
                continue
            }
            var arguments: [String] = []
            for argument in tokens.arguments(between: index + 1, and: end - 1) {
                let argumentText = rewritten(argument, binds: &binds)
                if isPlain(argument) {
                    arguments.append(argumentText)
                } else {
                    valueCount += 1
                    let variable = "?\(VisibleSolutions.hiddenPrefix)value\(valueCount)"
                    binds.append("BIND(\(argumentText) AS \(variable))")
                    arguments.append(variable)
                }
            }
            text += String(scalars: scalars[copied..<tokens[index].range.lowerBound])
            let call = tokens[index].text + "(" + arguments.joined(separator: ", ") + ")"
            // rasqal's CONCAT skips an unbound argument, where SPARQL makes the whole an error
            // (`CONCAT(?first, " ", ?last)` without ?last gave "Anna "): its variables must be bound.
            let variables = arguments.filter { $0.hasPrefix("?") || $0.hasPrefix("$") }
            if tokens[index].isKeyword("CONCAT"), !variables.isEmpty {
                let bound = variables.map { "BOUND(\($0))" }.joined(separator: " && ")
                text += "IF(\(bound), \(call), ?\(VisibleSolutions.hiddenPrefix)unbound)"
            } else {
                text += call
            }
            index = end
            copied = tokens[end - 1].range.upperBound
        }
        return text + String(scalars: scalars[copied..<max(copied, tokens[range.upperBound - 1].range.upperBound)])
    }

    /// A variable or a constant: its value is held elsewhere, so rasqal reads it right.
    private func isPlain(_ argument: Range<Int>) -> Bool {
        let first = tokens[argument.lowerBound]
        switch first.kind {
        case .variable, .iri, .prefixedName, .number: return argument.count == 1
        case .string:
            // "…", "…"@tag, "…"^^<datatype>
            return argument.count == 1 || (argument.count == 2 && tokens[argument.lowerBound + 1].text.hasPrefix("@"))
                || (argument.count == 3 && tokens[argument.lowerBound + 1].isPunctuation("^^"))
        default: return false
        }
    }
}
