/// VALUES blocks written as rasqal 0.9.33 reads them right.
///
/// `VALUES ?x { a b }` becomes `VALUES (?x) { (a) (b) }`, its equal in SPARQL 1.1: rasqal
/// misreads the one-variable form, binding the values to successive variables as one row (so
/// `VALUES ?x { 1 2 }` gave one solution), and crashes when the block follows a pattern.
/// A block of no variables, which rasqal crashes on, becomes a union of one empty group per row,
/// or `FILTER(false)` when it has no row.
///
/// A group whose data comes from VALUES alone, without a triple pattern of its own, gets the
/// unit triple (`unit`, matched once by every dataset: the join's identity): without a triple
/// pattern rasqal evaluates the group's FILTER, BIND and aggregates on the previous row's values,
/// or on none.
struct ValuesRewrite: TokenWalk {
    /// The subject, predicate and object of the unit triple.
    static let unit = "urn:x-coatt:unit"

    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        var groups: [ClosedRange<Int>] = []  // each open group, innermost last
        for index in tokens.indices {
            if tokens[index].isPunctuation("{"), let after = tokens.indexAfterBracketed(from: index) { groups.append(index...(after - 1)) }
            if tokens[index].isPunctuation("}"), groups.last?.upperBound == index { groups.removeLast() }
            guard tokens[index].isKeyword("VALUES"), index + 1 < tokens.count,
                  let open = tokens[index...].firstIndex(where: { $0.isPunctuation("{") }),
                  let end = tokens.indexAfterBracketed(from: open) else { continue }
            if open == index + 3, tokens[index + 1].isPunctuation("("), let group = groups.last {
                // `VALUES () { () }` crashes rasqal: a block of no variables is as many empty
                // groups as it has rows (each the join's identity), and joins to nothing with none.
                let rows = tokens[(open + 1)..<(end - 1)].count { $0.isPunctuation("(") }
                let unit = Self.hasTriplePattern(tokens, in: group) ? "" : " <\(Self.unit)> <\(Self.unit)> <\(Self.unit)> . "
                edits.replace(index..<end, of: tokens, with: (rows == 0 ? "FILTER(false)" : Array(repeating: "{}", count: rows).joined(separator: " UNION ")) + unit)
                continue
            }
            if tokens[index + 1].kind == .variable, open == index + 2, let terms = tokens.dataBlockValues(from: open + 1, closedBy: "}") {
                let rows = terms.values.map { "(" + tokens.source($0, in: scalars) + ")" }
                edits.replace(index..<terms.end, of: tokens, with: "VALUES (\(tokens[index + 1].text)) { \(rows.joined(separator: " ")) }")
            }
            // Inside GRAPH too: rasqal visits each graph for such a block (the unit has no variable
            // to read it in one pass), and the unit is found in each (as `EmptyGraphRewrite` uses).
            if let group = groups.last, !Self.hasTriplePattern(tokens, in: group) {
                let after = tokens[end - 1].range.upperBound
                edits.replace(after..<after, with: " <\(Self.unit)> <\(Self.unit)> <\(Self.unit)> . ")
            }
        }
    }

    /// Whether the group between the brackets `group` holds a triple pattern of its own: a term
    /// outside its VALUES, FILTER, BIND, OPTIONAL, MINUS, GRAPH, SERVICE and inner groups.
    private static func hasTriplePattern(_ tokens: [SPARQLToken], in group: ClosedRange<Int>) -> Bool {
        var index = group.lowerBound + 1
        while index < group.upperBound {
            let token = tokens[index]
            if token.isPunctuation(".") || token.isKeyword("UNION") {
                index += 1
            } else if token.isPunctuation("{") || token.isPunctuation("(") {
                index = tokens.indexAfterBracketed(from: index) ?? group.upperBound
            } else if token.kind == .word, ["VALUES", "FILTER", "BIND", "OPTIONAL", "MINUS", "GRAPH", "SERVICE"].contains(token.text.uppercased()) {
                // Its operands before a bracketed part: variables, a graph name, NOT EXISTS, a function's name.
                index += 1
                while index < group.upperBound, !tokens[index].isPunctuation("{"), !tokens[index].isPunctuation("(") { index += 1 }
            } else {
                return true
            }
        }
        return false
    }
}

extension Array where Element == SPARQLToken {
    /// The token ranges of a data block's values from `start` up to `closer` (`}` after one
    /// variable, `)` in a row), and the index after `closer`; nil when the block holds anything else.
    func dataBlockValues(from start: Int, closedBy closer: String) -> (values: [Range<Int>], end: Int)? {
        var values: [Range<Int>] = [], index = start
        while index < count, !self[index].isPunctuation(closer) {
            let token = self[index]
            var end = index + 1
            switch token.kind {
            case .string:  // with a language tag or a datatype
                if end < count, self[end].kind == .word, self[end].text.hasPrefix("@") {
                    end += 1
                } else if end + 1 < count, self[end].isPunctuation("^^"), [.iri, .prefixedName].contains(self[end + 1].kind) {
                    end += 2
                }
            case .punctuation where (token.text == "+" || token.text == "-") && end < count && self[end].kind == .number:
                end += 1
            case .iri, .prefixedName, .number:
                break
            case .word where ["TRUE", "FALSE", "UNDEF"].contains(token.text.uppercased()):
                break
            default:
                return nil
            }
            values.append(index..<end)
            index = end
        }
        return index < count ? (values, index + 1) : nil
    }
}
