/// Where the parts of one SELECT clause stand in a query's tokens: the projection, the GROUP BY
/// keys and the HAVING and ORDER BY conditions, as token ranges.
struct SelectClause {
    /// The projected items, after DISTINCT or REDUCED, up to the dataset or WHERE clause.
    let projection: Range<Int>
    /// `SELECT *`: nothing can be added to the projection.
    let projectsAll: Bool
    /// The WHERE clause's group, from its `{` to its `}`.
    let whereGroup: ClosedRange<Int>
    let grouped: Bool
    /// The keys after GROUP BY; empty when the clause does not group.
    let groupKeys: Range<Int>
    let having: Range<Int>
    let order: Range<Int>

    /// Every SELECT clause of the query (subqueries too) whose WHERE clause is closed, in order.
    static func all(in tokens: [SPARQLToken]) -> [SelectClause] {
        tokens.indices.filter { tokens[$0].isKeyword("SELECT") }.compactMap { SelectClause(tokens, select: $0) }
    }

    /// The clause whose SELECT keyword is `tokens[select]`; nil when its WHERE clause is not closed.
    init?(_ tokens: [SPARQLToken], select: Int) {
        var index = select + 1
        if index < tokens.count, tokens[index].isKeyword("DISTINCT") || tokens[index].isKeyword("REDUCED") { index += 1 }
        let start = index
        while index < tokens.count, !(tokens[index].isKeyword("FROM") || tokens[index].isKeyword("WHERE") || tokens[index].isPunctuation("{")) {
            guard let next = tokens.indexAfterBracketed(from: index) else { return nil }
            index = next
        }
        projection = start..<index
        projectsAll = projection.count == 1 && tokens[start].isPunctuation("*")
        guard let open = tokens[index...].firstIndex(where: { $0.isPunctuation("{") }),
              let afterWhere = tokens.indexAfterBracketed(from: open) else { return nil }
        whereGroup = open...(afterWhere - 1)

        // Solution modifiers, up to the end of the query, of a subquery (`}`) or a trailing VALUES.
        enum Part { case group, having, order }
        var part: Part?, partStart = afterWhere, grouped = false, ranges: [Part: Range<Int>] = [:]
        index = afterWhere
        while index < tokens.count, !tokens[index].isPunctuation("}"), !tokens[index].isKeyword("VALUES") {
            let token = tokens[index], next: Part?, keywordLength: Int
            if token.isKeyword("GROUP") {
                (next, keywordLength, grouped) = (.group, 2, true)
            } else if token.isKeyword("HAVING") {
                (next, keywordLength) = (.having, 1)
            } else if token.isKeyword("ORDER") {
                (next, keywordLength) = (.order, 2)
            } else if token.isKeyword("LIMIT") || token.isKeyword("OFFSET") {
                (next, keywordLength) = (nil, 2)
            } else {
                guard part != nil, let after = tokens.indexAfterBracketed(from: index) else { break }
                index = after
                continue
            }
            if let part { ranges[part] = partStart..<index }
            (part, index) = (next, index + keywordLength)
            partStart = index
        }
        // A query cut short after GROUP or ORDER (no BY) has its last part start past its end.
        index = min(index, tokens.count)
        if let part { ranges[part] = min(partStart, index)..<index }
        self.grouped = grouped
        groupKeys = ranges[.group] ?? index..<index
        having = ranges[.having] ?? index..<index
        order = ranges[.order] ?? index..<index
    }
}

/// One item of a SELECT clause's projection.
enum ProjectionItem {
    case variable(SPARQLToken)
    /// `( expression )` or `( expression AS ?v )`: the expression's tokens and the variable assigned.
    case expression(Range<Int>, assigned: SPARQLToken?)
}

extension SelectClause {
    /// Whether the clause groups its solutions: it has GROUP BY, or an aggregate in its
    /// projection or HAVING (one implicit group).
    func groupsSolutions(in tokens: [SPARQLToken]) -> Bool {
        grouped || !tokens.aggregateCalls(in: projection).isEmpty || !tokens.aggregateCalls(in: having).isEmpty
    }

    /// The projection's variables and bracketed expressions, in order (none for `SELECT *`).
    func projectionItems(in tokens: [SPARQLToken]) -> [ProjectionItem] {
        var items: [ProjectionItem] = [], index = projection.lowerBound
        while index < projection.upperBound {
            let token = tokens[index]
            guard token.opensBracket, let end = tokens.indexAfterBracketed(from: index) else {
                if token.kind == .variable { items.append(.variable(token)) }
                index += 1
                continue
            }
            let assigned = tokens.assignedVariable(inBracketed: index..<end)
            items.append(.expression((index + 1)..<(assigned == nil ? end - 1 : end - 3), assigned: assigned))
            index = end
        }
        return items
    }
}

extension TextEdits {
    /// Adds `binds` after everything the clause's WHERE clause matches, before its `}`; a WHERE
    /// clause that is a subquery alone is put in a group of its own first (`{ SELECT … }` cannot
    /// be followed by a BIND inside the same braces). Call once per clause.
    mutating func append(_ binds: [String], toWhereClauseOf clause: SelectClause, in tokens: [SPARQLToken]) {
        guard !binds.isEmpty else { return }
        let open = clause.whereGroup.lowerBound, close = clause.whereGroup.upperBound
        let isSubquery = open + 1 < close && tokens[open + 1].isKeyword("SELECT")
        if isSubquery {
            let afterOpen = tokens[open].range.upperBound
            replace(afterOpen..<afterOpen, with: " {")
        }
        let beforeClose = tokens[close].range.lowerBound
        replace(beforeClose..<beforeClose, with: (isSubquery ? " } " : " ") + binds.joined(separator: " ") + " ")
    }
}
