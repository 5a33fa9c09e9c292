import RDFModel
import Redland

/// A SELECT's DISTINCT (or REDUCED), its ORDER BY, and its LIMIT and OFFSET, applied to the
/// solutions here instead of by rasqal.
///
/// rasqal 0.9.33 sorted rows, and found DISTINCT rows, in an unbalanced binary tree, quadratic on
/// the rows the store's scans hand out in index order (`SELECT DISTINCT ?x { ?x a ?t }` over the
/// 1M-triple benchmark took 74 s). Its maps are replaced now (`CRasqalOverrides`), but its ORDER
/// BY still compares values by its own rules, not SPARQL 1.1's order of terms (DESC keeps unbound
/// values first), and sorts every solution where a small LIMIT needs only the first. Here DISTINCT
/// keeps a row's first occurrence by a hash of its visible terms, byte for byte (`sameTerm`), and
/// ORDER BY sorts with `SPARQLTermOrder`; DESC reverses it, unbound values included.
///
/// An ORDER BY condition that is not a projected variable (an expression, a variable the SELECT
/// leaves out) is projected under a hidden name first; where the projection cannot grow (a grouped
/// query, `SELECT *`) or a condition would make the query an aggregate one, the ORDER BY stays
/// with rasqal and DISTINCT, LIMIT and OFFSET apply to its order. A query with a trailing VALUES
/// is left to rasqal whole.
struct SolutionModifiers {
    let distinct: Bool
    /// Empty: the solutions keep the order they come in (rasqal's ORDER BY, or none).
    let keys: [(variable: String, descending: Bool)]
    let limit: Int?
    let offset: Int

    /// The query's text without the modifiers taken (line breaks kept), and those modifiers;
    /// nil when the query is not a SELECT with DISTINCT, REDUCED or an ORDER BY that can be taken.
    static func detached(from text: String) -> (text: String, modifiers: SolutionModifiers)? {
        let scalars = Array(text.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars), let select = queryForm(in: tokens),
              tokens[select].isKeyword("SELECT"), let clause = SelectClause(tokens, select: select),
              let slice = sliceStart(of: clause, in: tokens), let (limit, offset) = limitAndOffset(tokens, from: slice) else { return nil }
        let distinct = select + 1 < tokens.count && (tokens[select + 1].isKeyword("DISTINCT") || tokens[select + 1].isKeyword("REDUCED"))
        // The conditions taken must reach the slice: nothing may stand between them.
        let order = clause.order.upperBound == slice ? takenOrder(of: clause, in: tokens, scalars) : nil
        guard distinct || order != nil else { return nil }
        var edits = TextEdits()
        if distinct { edits.replace(select + 1..<select + 2, of: tokens, with: "") }
        if let order {
            let end = tokens[clause.projection.upperBound].range.lowerBound
            if !order.hidden.isEmpty { edits.replace(end..<end, with: order.hidden + " ") }
            edits.replace(clause.order.lowerBound - 2..<tokens.count, of: tokens, with: "")  // from ORDER BY on
        } else if slice < tokens.count {
            edits.replace(slice..<tokens.count, of: tokens, with: "")
        }
        let modifiers = SolutionModifiers(distinct: distinct, keys: order?.keys ?? [], limit: limit, offset: offset ?? 0)
        return (edits.applied(to: scalars), modifiers)
    }

    /// `cursor`'s solutions with the modifiers applied; read as they are asked for, unless they
    /// are sorted here.
    func apply(to cursor: any SolutionCursor) -> any SolutionCursor {
        let unique = distinct ? DistinctSolutions(cursor) : cursor
        guard !keys.isEmpty else { return SlicedSolutions(unique, offset: offset, limit: limit) }
        let columns = keys.map { key in (column: unique.variables.firstIndex(of: key.variable), descending: key.descending) }
        let solutions = sequence(state: unique) { $0.next() }
        let rows: [[RDFTerm?]]
        if let limit, offset + limit <= Self.keptFirstRows {
            rows = Self.first(offset + limit, of: solutions, columns: columns)
        } else {
            // Each value's sort key is made once, not at every comparison; the comparison reads
            // them in place (an array passed per row would be retained and released each time).
            let all = Array(solutions), sortKeys = all.map { Self.sortKeys(of: $0, columns: columns) }
            rows = all.indices.sorted { a, b in
                for (index, column) in columns.enumerated() {
                    if let before = Self.before(sortKeys[a][index], sortKeys[b][index], column.descending) { return before }
                }
                return false
            }.map { all[$0] }
        }
        let selected = rows.dropFirst(offset).prefix(limit ?? rows.count)
        return ComputedSolutions(variables: unique.variables, rows: Array(selected))
    }

    /// Under a LIMIT (with its OFFSET) of at most this many rows, only those rows are kept while
    /// the solutions are read, not every solution.
    static let keptFirstRows = 10_000

    private static func sortKeys(of row: [RDFTerm?], columns: [(column: Int?, descending: Bool)]) -> [SPARQLTermOrder.Key?] {
        columns.map { $0.column.map { SPARQLTermOrder.Key(row[$0]) } }
    }

    /// Whether `x` comes before `y` in a column; nil when they are equal there.
    private static func before(_ x: SPARQLTermOrder.Key?, _ y: SPARQLTermOrder.Key?, _ descending: Bool) -> Bool? {
        guard let x, let y else { return nil }  // a variable the solutions lack
        let order = x.compare(with: y)
        return order == 0 ? nil : (descending ? order > 0 : order < 0)
    }

    /// The first `count` rows in this order, kept sorted as they are read (ORDER BY with a small
    /// LIMIT: neither every row kept nor every row sorted; most rows take one comparison).
    private static func first(_ count: Int, of rows: some Sequence<[RDFTerm?]>, columns: [(column: Int?, descending: Bool)]) -> [[RDFTerm?]] {
        guard count > 0 else { return [] }  // LIMIT 0
        var best: [(row: [RDFTerm?], keys: [SPARQLTermOrder.Key?])] = []
        func precedes(_ keys: [SPARQLTermOrder.Key?], _ kept: Int) -> Bool {
            for (index, column) in columns.enumerated() {
                if let before = before(keys[index], best[kept].keys[index], column.descending) { return before }
            }
            return false
        }
        for row in rows {
            let keys = sortKeys(of: row, columns: columns)
            if best.count == count && !precedes(keys, count - 1) { continue }
            // After the equal ones already kept, as a stable sort would place it.
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(keys, middle) { high = middle } else { low = middle + 1 }
            }
            best.insert((row, keys), at: low)
            if best.count > count { best.removeLast() }
        }
        return best.map(\.row)
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

    /// The keys of the clause's ORDER BY, and the hidden projections (`(expression AS ?name)`)
    /// its other conditions need; nil when a condition cannot be taken.
    private static func takenOrder(of clause: SelectClause, in tokens: [SPARQLToken], _ scalars: [Unicode.Scalar])
        -> (keys: [(variable: String, descending: Bool)], hidden: String)? {
        guard !clause.order.isEmpty, tokens[clause.order.lowerBound - 2].isKeyword("ORDER"),
              let conditions = conditions(tokens[clause.order]) else { return nil }
        let projected = clause.projectsAll ? variables(in: tokens[clause.whereGroup]) : projection(tokens[clause.projection])
        // Only a projection of a query that is not grouped may grow (a grouped one projects keys and aggregates).
        let projectionGrows = !clause.projectsAll && !clause.grouped && !tokens[clause.projection].callsAggregate
        var keys: [(variable: String, descending: Bool)] = [], hidden = ""
        for condition in conditions {
            let expression: String
            switch condition.term {
            case .variable(let name) where projected.contains(name):
                keys.append((name, condition.descending))
                continue
            case .variable(let name):
                expression = "?" + name
            case .expression(let range):
                guard !tokens[range].callsAggregate else { return nil }  // it would group the query
                expression = tokens.source(range, in: scalars)
            }
            guard projectionGrows else { return nil }
            let name = VisibleSolutions.hiddenPrefix + "order\(keys.count + 1)"
            hidden += " (\(expression) AS ?\(name))"
            keys.append((name, condition.descending))
        }
        return (keys, hidden)
    }

    /// Where LIMIT and OFFSET start (the end of the tokens when there are none) after the
    /// clause's WHERE group; nil when a trailing VALUES comes first.
    private static func sliceStart(of clause: SelectClause, in tokens: [SPARQLToken]) -> Int? {
        var index = clause.whereGroup.upperBound + 1
        while index < tokens.count, !tokens[index].isKeyword("LIMIT"), !tokens[index].isKeyword("OFFSET") {
            guard !tokens[index].isKeyword("VALUES"), let next = tokens.indexAfterBracketed(from: index) else { return nil }
            index = next
        }
        return index
    }

    /// LIMIT and OFFSET, each at most once, from `start` to the end; nil when anything else is there.
    private static func limitAndOffset(_ tokens: [SPARQLToken], from start: Int) -> (limit: Int?, offset: Int?)? {
        var limit: Int?, offset: Int?, index = start
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
        return (limit, offset)
    }

    /// What an ORDER BY condition orders by: a variable, or an expression (its tokens, brackets
    /// included).
    private enum OrderTerm {
        case variable(String)
        case expression(Range<Int>)
    }

    /// The conditions: `?v`, `ASC(…)`/`DESC(…)`, `(…)`, and function calls; nil when one is
    /// something else (EXISTS) or the text does not read as conditions.
    private static func conditions(_ tokens: ArraySlice<SPARQLToken>) -> [(term: OrderTerm, descending: Bool)]? {
        var conditions: [(term: OrderTerm, descending: Bool)] = [], index = tokens.startIndex
        let all = Array(tokens), base = tokens.startIndex
        func bracketEnd(_ open: Int) -> Int? {
            guard open < tokens.endIndex, tokens[open].isPunctuation("("),
                  let end = all.indexAfterBracketed(from: open - base).map({ $0 + base }), end <= tokens.endIndex else { return nil }
            return end
        }
        while index < tokens.endIndex {
            let token = tokens[index]
            if token.kind == .variable {
                conditions.append((.variable(String(token.text.dropFirst())), false))
                index += 1
            } else if token.isKeyword("ASC") || token.isKeyword("DESC"), let end = bracketEnd(index + 1) {
                // `DESC(?v)` is the variable itself.
                let term: OrderTerm = end - index == 4 && tokens[index + 2].kind == .variable
                    ? .variable(String(tokens[index + 2].text.dropFirst())) : .expression(index + 1..<end)
                conditions.append((term, token.isKeyword("DESC")))
                index = end
            } else if token.isPunctuation("("), let end = bracketEnd(index) {
                conditions.append((.expression(index..<end), false))
                index = end
            } else if [.word, .iri, .prefixedName].contains(token.kind), !token.isKeyword("EXISTS"), !token.isKeyword("NOT"),
                      let end = bracketEnd(index + 1) {
                conditions.append((.expression(index..<end), false))
                index = end
            } else {
                return nil
            }
        }
        return conditions.isEmpty ? nil : conditions
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
