/// The WHERE clauses of an update request's DELETE/INSERT operations, cut out of its text before
/// rasqal 0.9.33 parses it. Its update grammar reads less of a WHERE clause than a query's (no
/// EXISTS, MINUS after OPTIONAL, property paths) and no USING at all, and its writer, which gave
/// the pattern back as text, lost BIND, MINUS, subqueries, casts and more. So each clause is kept
/// as written, with the declarations in effect where it stands and its USING clauses as FROM and
/// FROM NAMED, for the store's query engine; rasqal is given `{}` in its place and no USING (with
/// their line breaks, so its messages keep their line numbers), and reads the rest: the
/// operations, their templates and graphs.
///
/// rasqal reads `DELETE { … } INSERT { … } WHERE` only after `WITH <g>`. Without it, the text it
/// is given says `DELETE { … } WHERE {} ; INSERT { … } WHERE {}`, and the two operations it
/// reads are made one again (`mergedPairs`), with the one WHERE clause.
struct UpdateWhereClauses {
    /// The update as rasqal is to parse it.
    let text: String
    /// The clauses in the order written, one per operation rasqal gives a WHERE pattern.
    let clauses: [WhereClause]
    /// The endpoints SERVICE names in them, as written (an IRI without its brackets).
    let services: [String]
    /// Each `i` whose clause `i` and `i + 1` are one `DELETE { … } INSERT { … }` operation's, split
    /// in two for rasqal (the same clause twice).
    let mergedPairs: Set<Int>

    /// - Parameter baseIRI: the request's base, which a clause's relative IRIs are resolved against
    ///   where the text declares none.
    init(_ update: String, baseIRI: String?) {
        let scalars = Array(update.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else {
            (text, clauses, services, mergedPairs) = (update, [], [], [])  // rasqal reports what it cannot read
            return
        }
        var edits = TextEdits(), declarations = baseIRI.map { ["BASE <\($0)>"] } ?? []
        var clauses: [WhereClause] = [], services: [String] = [], index = 0, depth = 0, using: [String] = []
        var mergedPairs = Set<Int>(), splitOperation = false
        while index < tokens.count {
            let token = tokens[index]
            if depth == 0, token.isKeyword("DELETE"), index + 1 < tokens.count, tokens[index + 1].isPunctuation("{"),
               !(index >= 2 && tokens[index - 2].isKeyword("WITH")), let end = tokens.indexAfterBracketed(from: index + 1),
               end < tokens.count, tokens[end].isKeyword("INSERT") {
                let close = tokens[end - 1].range.upperBound
                edits.replace(close..<close, with: " WHERE {} ;")
                splitOperation = true
                index = end
            } else if depth == 0, token.isKeyword("USING"), index + 1 < tokens.count {
                // `USING <g>` is `FROM <g>`, `USING NAMED <g>` is `FROM NAMED <g>`.
                let end = min(index + (tokens[index + 1].isKeyword("NAMED") ? 3 : 2), tokens.count)
                using.append("FROM " + tokens.source((index + 1)..<end, in: scalars))
                edits.replace(index..<end, of: tokens, with: "")
                index = end
            } else if depth == 0, token.isKeyword("PREFIX") || token.isKeyword("BASE") {
                let end = min(index + (token.isKeyword("PREFIX") ? 3 : 2), tokens.count)
                declarations.append(tokens.source(index..<end, in: scalars))
                index = end
            } else if depth == 0, token.isKeyword("WHERE"), index + 1 < tokens.count, tokens[index + 1].isPunctuation("{"),
                      !(index > 0 && tokens[index - 1].isKeyword("DELETE")),  // DELETE WHERE: its pattern is its template
                      let end = tokens.indexAfterBracketed(from: index + 1) {
                let group = (index + 1)..<end
                let line = scalars[..<tokens[index + 1].range.lowerBound].count { $0 == "\n" } + 1
                let clause = WhereClause(prologue: declarations.joined(separator: "\n"), dataset: using.joined(separator: " "),
                                         pattern: tokens.source(group, in: scalars), line: line)
                if splitOperation { mergedPairs.insert(clauses.count) }
                clauses += splitOperation ? [clause, clause] : [clause]
                (using, splitOperation) = ([], false)
                services += Self.services(in: tokens[group])
                edits.replace(group, of: tokens, with: "{}")
                index = end
            } else {
                if token.isPunctuation("{") { depth += 1 } else if token.isPunctuation("}") { depth -= 1 }
                index += 1
            }
        }
        text = edits.isEmpty ? update : edits.applied(to: scalars)
        (self.clauses, self.services, self.mergedPairs) = (clauses, services, mergedPairs)
    }

    private static func services(in tokens: ArraySlice<SPARQLToken>) -> [String] {
        tokens.indices.compactMap { index in
            guard tokens[index].isKeyword("SERVICE") else { return nil }
            var next = index + 1
            if next < tokens.endIndex, tokens[next].isKeyword("SILENT") { next += 1 }
            guard next < tokens.endIndex else { return nil }
            let endpoint = tokens[next]
            return endpoint.kind == .iri ? String(endpoint.text.dropFirst().dropLast()) : endpoint.text
        }
    }
}
