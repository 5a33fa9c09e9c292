import RDFModel

/// A query's aggregates put in terms rasqal 0.9.33 evaluates as SPARQL 1.1 says. rasqal joins
/// GROUP_CONCAT's values with a space whatever SEPARATOR says; evaluates an aggregate in HAVING
/// only when the projection has the same one (otherwise every group fails the condition, or the
/// query is refused); leaves an aggregate in ORDER BY unevaluated (the order is as it comes);
/// and does not group at all when nothing is aggregated (GROUP BY then keeps every solution).
///
/// So, for each SELECT clause: an aggregate of HAVING or ORDER BY is also projected, under a
/// hidden name (`hiddenPrefix`), and ORDER BY sorts by that variable; a GROUP BY with no
/// aggregate gets a hidden COUNT(*). Callers drop the hidden columns (`VisibleSolutions`). A
/// GROUP_CONCAT with a separator becomes, with REPLACE, the concatenation of its values with
/// `~` and spaces escaped, whose joining spaces become the separator before the escapes are
/// undone: the value is right wherever it is used, in a FILTER or an outer query too.
///
/// Replaced text keeps its line breaks, so rasqal's error messages keep their line numbers.
struct AggregateRewrite {
    /// The start of every hidden variable's name; a number follows.
    static let hiddenPrefix = "__coatt_aggregate"
    private static let names: Set<String> = ["COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"]

    /// The query as rasqal is given it.
    let text: String

    /// nil when the query has nothing to rewrite.
    init?(_ query: String) {
        guard Self.mightApply(to: query) else { return nil }
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        var rewriter = Rewriter(tokens: tokens, scalars: scalars)
        for index in tokens.indices where tokens[index].isKeyword("SELECT") {
            if let clause = SelectClause(tokens, select: index) { rewriter.hoistAggregates(of: clause) }
        }
        rewriter.renderSeparators()
        guard !rewriter.edits.isEmpty else { return nil }
        text = rewriter.edits.applied(to: scalars)
    }

    /// Whether the text says GROUP or HAVING anywhere (in any case): without either, no query
    /// needs rewriting. A byte scan, as cheap as reading the text once.
    static func mightApply(to query: String) -> Bool {
        var query = query
        return query.withUTF8 { bytes in
            func matches(_ word: StaticString, at start: Int) -> Bool {
                guard start + word.utf8CodeUnitCount <= bytes.count else { return false }
                for k in 0..<word.utf8CodeUnitCount where bytes[start + k] | 0x20 != word.utf8Start[k] { return false }
                return true
            }
            for index in bytes.indices where bytes[index] | 0x20 == UInt8(ascii: "g") || bytes[index] | 0x20 == UInt8(ascii: "h") {
                if matches("group", at: index) || matches("having", at: index) { return true }
            }
            return false
        }
    }

    private struct Rewriter {
        let tokens: [SPARQLToken]
        let scalars: [Unicode.Scalar]
        var edits = TextEdits()
        private var hiddenCount = 0

        init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) {
            (self.tokens, self.scalars) = (tokens, scalars)
        }

        /// Projects the clause's HAVING and ORDER BY aggregates under hidden names, and a COUNT(*)
        /// when it groups without aggregating.
        mutating func hoistAggregates(of clause: SelectClause) {
            guard !clause.projectsAll else { return }
            let projected = Set(aggregateCalls(in: clause.projection).map(key))
            var items: [String] = [], hidden: [String: String] = [:]
            func hide(_ call: Range<Int>) -> String {
                if let variable = hidden[key(call)] { return variable }
                let variable = newHiddenVariable()
                hidden[key(call)] = variable
                items.append("(\(render(call)) AS \(variable))")
                return variable
            }
            for call in aggregateCalls(in: clause.having) where !projected.contains(key(call)) { _ = hide(call) }
            for call in aggregateCalls(in: clause.order) { edits.replace(call, of: tokens, with: hide(call)) }
            if clause.grouped && projected.isEmpty && items.isEmpty { items.append("(COUNT(*) AS \(newHiddenVariable()))") }
            guard !items.isEmpty else { return }
            let end = clause.projection.upperBound < tokens.count ? tokens[clause.projection.upperBound].range.lowerBound : scalars.count
            edits.replace(end..<end, with: " " + items.joined(separator: " ") + " ")
        }

        /// Renders every GROUP_CONCAT with a separator that no other edit has replaced.
        mutating func renderSeparators() {
            for call in aggregateCalls(in: tokens.indices) where separatedConcat(call) != nil
                && !edits.overlaps(tokens[call.lowerBound].range.lowerBound..<tokens[call.upperBound - 1].range.upperBound) {
                edits.replace(call, of: tokens, with: render(call))
            }
        }

        private mutating func newHiddenVariable() -> String {
            hiddenCount += 1
            return "?\(AggregateRewrite.hiddenPrefix)\(hiddenCount)"
        }

        /// The token ranges of the aggregate calls (`NAME( … )`) among `range`.
        private func aggregateCalls(in range: Range<Int>) -> [Range<Int>] {
            var calls: [Range<Int>] = [], index = range.lowerBound
            while index < range.upperBound {
                if tokens[index].kind == .word, AggregateRewrite.names.contains(tokens[index].text.uppercased()),
                   index + 1 < range.upperBound, tokens[index + 1].isPunctuation("("),
                   let end = tokens.indexAfterBracketed(from: index + 1), end <= range.upperBound {
                    calls.append(index..<end)
                    index = end
                } else {
                    index += 1
                }
            }
            return calls
        }

        /// What identifies an aggregate call for rasqal: its tokens, keywords in upper case.
        private func key(_ call: Range<Int>) -> String {
            tokens[call].map { $0.kind == .word ? $0.text.uppercased() : $0.text }.joined(separator: " ")
        }

        /// The call's text, with the separator of a GROUP_CONCAT made to work.
        private func render(_ call: Range<Int>) -> String {
            guard let concat = separatedConcat(call) else { return tokens.source(call, in: scalars) }
            let argument = tokens.source(concat.argument, in: scalars)
            func quoted(_ value: String) -> String { "\"" + NTriples.escapeString(value) + "\"" }
            // Escaped as the values are, then for REPLACE's replacement syntax (`\` and `$`).
            let joiner = concat.separator.replacingOccurrences(of: "~", with: "~t").replacingOccurrences(of: " ", with: "~s")
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "$", with: "\\$")
            let values = "REPLACE(REPLACE(STR(\(argument)), \"~\", \"~t\"), \" \", \"~s\")"
            return "REPLACE(REPLACE(REPLACE(GROUP_CONCAT(\(concat.distinct ? "DISTINCT " : "")\(values)), \" \", \(quoted(joiner))), \"~s\", \" \"), \"~t\", \"~\")"
        }

        /// `GROUP_CONCAT([DISTINCT] argument ; SEPARATOR = "…")` with a separator other than a
        /// space (rasqal's own), taken apart.
        private func separatedConcat(_ call: Range<Int>) -> (distinct: Bool, argument: Range<Int>, separator: String)? {
            guard tokens[call.lowerBound].text.uppercased() == "GROUP_CONCAT", call.count >= 8 else { return nil }
            let close = call.upperBound - 1
            guard tokens[close - 4].isPunctuation(";"), tokens[close - 3].isKeyword("SEPARATOR"), tokens[close - 2].isPunctuation("="),
                  let separator = tokens[close - 1].stringValue, separator != " " else { return nil }
            let distinct = tokens[call.lowerBound + 2].isKeyword("DISTINCT")
            let argument = (call.lowerBound + (distinct ? 3 : 2))..<(close - 4)
            return argument.isEmpty ? nil : (distinct, argument, separator)
        }
    }
}
