import Foundation
import RDFModel
import Redland

/// A SELECT's ORDER BY on projected variables, with its LIMIT and OFFSET, applied to the
/// solutions here instead of by rasqal.
///
/// rasqal 0.9.33 sorts rows by inserting them into an unbalanced binary tree (`rasqal_map`,
/// rows that compare equal going right), so rows that arrive in order or tie take quadratic
/// time: `ORDER BY DESC(?mentions) ?surface` over a GROUP BY's groups, which arrive sorted by
/// key with most counts equal, took 300 ms for 3,000 groups (`Queries/posts/nil-mentions.rq`).
/// Only conditions that are variables (`?v`, `ASC(?v)`, `DESC(?v)`) of the projection are taken;
/// any other ORDER BY (an expression, a trailing VALUES after it) is left to rasqal.
///
/// Terms are ordered as SPARQL 1.1 §15.1 says: unbound, then blank nodes, IRIs, literals; IRIs
/// and strings by code point; numbers by value. Where SPARQL leaves the order open, literals go
/// numbers, booleans, date-times, simple and `xsd:string` literals, language-tagged literals,
/// other datatypes (by datatype IRI). DESC reverses all of it, unbound values included.
struct SolutionOrder {
    let keys: [(variable: String, descending: Bool)]
    let limit: Int?
    let offset: Int

    /// The query's text without its top-level ORDER BY, LIMIT and OFFSET (line breaks kept), and
    /// the order they asked for; nil when the query is not such a SELECT.
    static func detached(from text: String) -> (text: String, order: SolutionOrder)? {
        let scalars = Array(text.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars), let select = queryForm(in: tokens),
              tokens[select].isKeyword("SELECT"), let clause = SelectClause(tokens, select: select),
              !clause.order.isEmpty, let keys = keys(tokens[clause.order]) else { return nil }
        let projected = clause.projectsAll ? variables(in: tokens[clause.whereGroup]) : projection(tokens[clause.projection])
        guard keys.allSatisfy({ projected.contains($0.variable) }) else { return nil }
        // After the conditions, only LIMIT and OFFSET, each once, to the end of the query.
        var limit: Int?, offset: Int?, index = clause.order.upperBound
        while index < tokens.count {
            guard index + 1 < tokens.count, tokens[index + 1].kind == .number, let value = Int(tokens[index + 1].text) else { return nil }
            if tokens[index].isKeyword("LIMIT"), limit == nil {
                limit = value
            } else if tokens[index].isKeyword("OFFSET"), offset == nil {
                offset = value
            } else {
                return nil
            }
            index += 2
        }
        let orderKeyword = clause.order.lowerBound - 2
        guard orderKeyword >= 0, tokens[orderKeyword].isKeyword("ORDER") else { return nil }
        var edits = TextEdits()
        edits.replace(orderKeyword..<tokens.count, of: tokens, with: "")
        return (edits.applied(to: scalars), SolutionOrder(keys: keys, limit: limit, offset: offset ?? 0))
    }

    /// `cursor`'s solutions in this order, sliced by OFFSET and LIMIT (all of them are read).
    func apply(to cursor: any SolutionCursor) -> any SolutionCursor {
        let columns = keys.map { key in (column: cursor.variables.firstIndex(of: key.variable), key.descending) }
        let rows = Array(sequence(state: cursor) { $0.next() })
        // Each value's sort key is made once, not at every comparison.
        let sortKeys = rows.map { row in columns.map { $0.column.map { TermKey(row[$0]) } } }
        let order = rows.indices.sorted { a, b in
            for (index, (_, descending)) in columns.enumerated() {
                guard let x = sortKeys[a][index], let y = sortKeys[b][index] else { continue }
                let order = x.compare(with: y)
                if order != 0 { return descending ? order > 0 : order < 0 }
            }
            return false
        }
        let selected = order.dropFirst(offset).prefix(limit ?? order.count)
        return ComputedSolutions(variables: cursor.variables, rows: selected.map { rows[$0] })
    }

    /// Negative, zero or positive as `a` comes before, with or after `b`.
    static func compare(_ a: RDFTerm?, _ b: RDFTerm?) -> Int {
        TermKey(a).compare(with: TermKey(b))
    }

    /// Code point order, which is the byte order of UTF-8 (String's `<` and `==` would equate
    /// canonically equivalent text).
    fileprivate static func codePointOrder(_ a: String, _ b: String) -> Int {
        if a.utf8.lexicographicallyPrecedes(b.utf8) { return -1 }
        return b.utf8.lexicographicallyPrecedes(a.utf8) ? 1 : 0
    }

    // MARK: Reading the query's text

    /// The index of the query form's keyword, after the PREFIX and BASE declarations.
    private static func queryForm(in tokens: [SPARQLToken]) -> Int? {
        var index = 0
        while index < tokens.count {
            if tokens[index].isKeyword("PREFIX") { index += 3 } else if tokens[index].isKeyword("BASE") { index += 2 } else { return index }
        }
        return nil
    }

    /// `?v`, `ASC(?v)` and `DESC(?v)` conditions; nil when any condition is something else.
    private static func keys(_ tokens: ArraySlice<SPARQLToken>) -> [(variable: String, descending: Bool)]? {
        var keys: [(variable: String, descending: Bool)] = [], index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            if token.kind == .variable {
                keys.append((String(token.text.dropFirst()), false))
                index += 1
            } else if token.isKeyword("ASC") || token.isKeyword("DESC"), index + 3 < tokens.endIndex,
                      tokens[index + 1].isPunctuation("("), tokens[index + 2].kind == .variable, tokens[index + 3].isPunctuation(")") {
                keys.append((String(tokens[index + 2].text.dropFirst()), token.isKeyword("DESC")))
                index += 4
            } else {
                return nil
            }
        }
        return keys.isEmpty ? nil : keys
    }

    /// The variables a projection names: bare, or after AS in `(expression AS ?v)`.
    private static func projection(_ tokens: ArraySlice<SPARQLToken>) -> Set<String> {
        var names = Set<String>(), depth = 0, previous: SPARQLToken?
        for token in tokens {
            if token.isPunctuation("(") { depth += 1 }
            if token.isPunctuation(")") { depth -= 1 }
            if token.kind == .variable, depth == 0 || previous?.isKeyword("AS") == true { names.insert(String(token.text.dropFirst())) }
            previous = token
        }
        return names
    }

    private static func variables(in tokens: ArraySlice<SPARQLToken>) -> Set<String> {
        Set(tokens.filter { $0.kind == .variable }.map { String($0.text.dropFirst()) })
    }
}

/// What decides a term's place (`SolutionOrder`).
private enum TermKey {
    case unbound, blank(String), iri(String), literal(LiteralKey)

    init(_ term: RDFTerm?) {
        switch term {
        case nil: self = .unbound
        case .blank(let label)?: self = .blank(label)
        case .iri(let iri)?: self = .iri(iri)
        case .literal(let lexical, let language, let datatype)?: self = .literal(LiteralKey(lexical, language, datatype))
        }
    }

    private var rank: Int {
        switch self {
        case .unbound: 0
        case .blank: 1
        case .iri: 2
        case .literal: 3
        }
    }

    func compare(with other: TermKey) -> Int {
        switch (self, other) {
        case (.blank(let x), .blank(let y)), (.iri(let x), .iri(let y)): SolutionOrder.codePointOrder(x, y)
        case (.literal(let x), .literal(let y)): x.compare(with: y)
        default: rank - other.rank
        }
    }
}

/// What decides a literal's place among literals (`SolutionOrder`).
private struct LiteralKey {
    private enum Kind: Int { case number, boolean, dateTime, string, tagged, other }

    private let kind: Kind
    private let number: Double
    private let lexical: String
    /// The language tag or the datatype IRI.
    private let extra: String

    init(_ lexical: String, _ language: String?, _ datatype: String?) {
        self.lexical = lexical
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let type = datatype.flatMap { $0.hasPrefix(xsd) ? String($0.dropFirst(xsd.count)) : nil }
        if let language {
            (kind, number, extra) = (.tagged, 0, language.lowercased())
        } else if datatype == nil || type == "string" {
            (kind, number, extra) = (.string, 0, "")
        } else if let type, Self.numericTypes.contains(type), let value = Double(lexical.trimmingCharacters(in: .whitespacesAndNewlines)) {
            (kind, number, extra) = (.number, value, "")
        } else if type == "boolean", ["true", "false", "1", "0"].contains(lexical) {
            (kind, number, extra) = (.boolean, lexical == "true" || lexical == "1" ? 1 : 0, "")
        } else if type == "dateTime" {
            (kind, number, extra) = (.dateTime, 0, "")
        } else {
            (kind, number, extra) = (.other, 0, datatype ?? "")
        }
    }

    private static let numericTypes: Set<String> = [
        "integer", "decimal", "float", "double", "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
        "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger",
    ]

    func compare(with other: LiteralKey) -> Int {
        if kind != other.kind { return kind.rawValue - other.kind.rawValue }
        switch kind {
        case .number, .boolean:
            return number == other.number ? 0 : (number < other.number ? -1 : 1)
        case .other:
            let byType = SolutionOrder.codePointOrder(extra, other.extra)
            return byType != 0 ? byType : SolutionOrder.codePointOrder(lexical, other.lexical)
        case .tagged:
            let byText = SolutionOrder.codePointOrder(lexical, other.lexical)
            return byText != 0 ? byText : SolutionOrder.codePointOrder(extra, other.extra)
        case .dateTime, .string:
            return SolutionOrder.codePointOrder(lexical, other.lexical)
        }
    }
}
