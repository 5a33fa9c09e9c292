/// FILTER and BIND expressions read only the variables in scope where they are written, as
/// SPARQL 1.1 says (§18.2.1, §18.2.2): a FILTER those of its group (and, in an OPTIONAL's own
/// group, those of the solution it extends), a BIND those bound before it in its group. rasqal
/// 0.9.33 evaluates a nested group with the values of the solution it joins, so
/// `?s ?p ?o { BIND(?o + 1 AS ?z) } UNION { … }` bound ?z, and
/// `OPTIONAL { { ?b :price ?p FILTER(?title = "T") } }` tested the outer ?title. A variable out of
/// scope is renamed to a hidden one nothing binds (`VisibleSolutions.hiddenPrefix`), so the
/// expression sees it unbound. EXISTS patterns inside an expression are left as written: they
/// read the solution they test.
enum ExpressionScopeRewrite: TokenRewrite {
    /// The variable nothing binds.
    static let unbound = "?\(VisibleSolutions.hiddenPrefix)unbound"

    static func edits(in query: TokenizedQuery) -> TextEdits {
        var edits = TextEdits()
        let tokens = query.tokens
        guard !tokens.contains(where: { ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP"].contains($0.text.uppercased()) && $0.kind == .word }),
              let whereGroup = GroupScopes.whereGroup(in: tokens) else { return edits }
        var scopes = GroupScopes(tokens: tokens)
        scopes.visit(group: whereGroup) { group, expressions in
            for expression in expressions {
                let visible = expression.isFilter ? (group.extendsOptional ? group.queryScope : group.scope) : expression.boundBefore
                for use in expression.variableUses where !visible.contains(tokens[use].variableName) {
                    edits.replace(use..<(use + 1), of: tokens, with: unbound)
                }
            }
        }
        return edits
    }
}

/// The groups of a query's WHERE clause, read from its tokens: the variables each has in scope,
/// and its FILTER and BIND expressions.
struct GroupScopes {
    /// A group `{ … }` as its members see it.
    struct Group {
        /// Whether it is an OPTIONAL's own group, whose FILTERs read the solution it extends.
        let extendsOptional: Bool
        /// The variables its members may bind.
        var scope: Set<Substring> = []
        /// The variables the query or sub-SELECT it belongs to may bind anywhere: what an
        /// OPTIONAL's FILTER may read of the solution it extends (not a sub-SELECT's own
        /// variables it does not project, which rasqal leaves set by the sub-SELECT's last row).
        var queryScope: Set<Substring> = []
    }

    /// A FILTER or BIND of a group.
    struct Expression {
        let isFilter: Bool
        /// The variables the group had bound before a BIND.
        let boundBefore: Set<Substring>
        /// The token indices of the variables it reads (not those of EXISTS patterns inside it).
        let variableUses: [Int]
    }

    let tokens: [SPARQLToken]
    private var scopeCache: [Int: Set<Substring>] = [:]

    init(tokens: [SPARQLToken]) { self.tokens = tokens }

    /// The `{` of the WHERE clause of a SELECT, ASK, DESCRIBE or CONSTRUCT (after its template);
    /// nil for the short `CONSTRUCT WHERE` and a DESCRIBE without WHERE.
    static func whereGroup(in tokens: [SPARQLToken]) -> Int? {
        guard let verb = tokens.firstIndex(where: { ["SELECT", "ASK", "DESCRIBE", "CONSTRUCT"].contains($0.text.uppercased()) && $0.kind == .word })
        else { return nil }
        var start = verb + 1
        if tokens[verb].isKeyword("CONSTRUCT") {
            guard start < tokens.count, tokens[start].isPunctuation("{"), let end = tokens.indexAfterBracketed(from: start) else { return nil }
            start = end
        }
        var depth = 0
        for index in start..<tokens.count {
            if tokens[index].isPunctuation("{") && depth == 0 { return index }
            if tokens[index].opensBracket { depth += 1 } else if tokens[index].closesBracket { depth -= 1 }
        }
        return nil
    }

    /// Calls `body` with every group under `open` (itself first), each with its FILTERs and BINDs;
    /// EXISTS patterns are not entered.
    mutating func visit(group open: Int, extendsOptional: Bool = false, queryScope: Set<Substring>? = nil,
                        _ body: (Group, [Expression]) -> Void) {
        var group = Group(extendsOptional: extendsOptional)
        group.scope = scope(of: open)
        group.queryScope = queryScope ?? group.scope
        var expressions: [Expression] = []
        var nested: [(open: Int, kind: Member.Nesting)] = []
        walkMembers(of: open) { member in
            switch member {
            case .group(let inner, let kind): nested.append((inner, kind))
            case .expression(let expression): expressions.append(expression)
            case .binds: break
            }
        }
        body(group, expressions)
        for (inner, kind) in nested {
            // A sub-SELECT's WHERE clause is a query of its own.
            visit(group: inner, extendsOptional: kind == .optional, queryScope: kind == .subquery ? nil : group.queryScope, body)
        }
    }

    /// The variables the members of the group at `open` may bind.
    mutating func scope(of open: Int) -> Set<Substring> {
        if let known = scopeCache[open] { return known }
        var bound: Set<Substring> = []
        walkMembers(of: open) { member in
            if case .binds(let variables) = member { bound.formUnion(variables) }
        }
        scopeCache[open] = bound
        return bound
    }

    private enum Member {
        /// Variables a member binds (triples, a nested group's scope, a BIND's target, VALUES).
        case binds(Set<Substring>)
        /// A group inside, to visit.
        case group(Int, Nesting)
        case expression(Expression)

        enum Nesting {
            /// An OPTIONAL's own group.
            case optional
            /// A sub-SELECT's WHERE clause.
            case subquery
            case other
        }
    }

    /// Reads the members of the group at `open` in order.
    private mutating func walkMembers(of open: Int, _ visit: (Member) -> Void) {
        guard let after = tokens.indexAfterBracketed(from: open) else { return }
        let close = after - 1
        var bound: Set<Substring> = []
        func binds(_ variables: Set<Substring>) {
            bound.formUnion(variables)
            visit(.binds(variables))
        }
        var index = open + 1
        while index < close {
            let token = tokens[index]
            if token.isKeyword("OPTIONAL") || token.isKeyword("MINUS") || token.isKeyword("GRAPH") || token.isKeyword("SERVICE") {
                guard let inner = tokens[index...].firstIndex(where: { $0.isPunctuation("{") }), inner < close,
                      let end = tokens.indexAfterBracketed(from: inner) else { return }
                if !token.isKeyword("MINUS") {
                    // GRAPH ?g's variable; SERVICE's too.
                    binds(Set(tokens[(index + 1)..<inner].filter { $0.kind == .variable }.map(\.variableName)).union(scope(of: inner)))
                }
                visit(.group(inner, token.isKeyword("OPTIONAL") ? .optional : .other))
                index = end
            } else if token.isKeyword("FILTER") {
                let end = constraintEnd(from: index + 1)
                visit(.expression(Expression(isFilter: true, boundBefore: bound, variableUses: variableUses(in: (index + 1)..<end))))
                index = end
            } else if token.isKeyword("BIND"), index + 1 < close, tokens[index + 1].isPunctuation("("),
                      let end = tokens.indexAfterBracketed(from: index + 1) {
                let target = end - 2 > index && tokens[end - 2].kind == .variable ? end - 2 : nil
                let uses = variableUses(in: (index + 2)..<(target.map { $0 - 1 } ?? end - 1))
                visit(.expression(Expression(isFilter: false, boundBefore: bound, variableUses: uses)))
                if let target { binds([tokens[target].variableName]) }
                index = end
            } else if token.isKeyword("VALUES") {
                guard let data = tokens[index...].firstIndex(where: { $0.isPunctuation("{") }), data < close,
                      let end = tokens.indexAfterBracketed(from: data) else { return }
                binds(Set(tokens[(index + 1)..<data].filter { $0.kind == .variable }.map(\.variableName)))
                index = end
            } else if token.isPunctuation("{"), let end = tokens.indexAfterBracketed(from: index) {
                if index + 1 < close, tokens[index + 1].isKeyword("SELECT") {
                    binds(projection(ofSubquery: index + 1, before: end - 1))
                    if let inner = Self.whereGroup(in: Array(tokens[index..<end])) { visit(.group(index + inner, .subquery)) }
                } else {
                    binds(scope(of: index))
                    visit(.group(index, .other))
                }
                index = end
            } else {
                if token.kind == .variable { binds([token.variableName]) }  // a triple's
                index += 1
            }
        }
    }

    /// The end of the FILTER constraint starting at `start`: a bracketed expression, a function
    /// call, or [NOT] EXISTS with its group.
    private func constraintEnd(from start: Int) -> Int {
        var index = start
        if index < tokens.count, tokens[index].isKeyword("NOT") { index += 1 }
        if index < tokens.count, tokens[index].isKeyword("EXISTS"), index + 1 < tokens.count {
            return tokens.indexAfterBracketed(from: index + 1) ?? tokens.count
        }
        while index < tokens.count, !tokens[index].opensBracket { index += 1 }  // a function's name
        return tokens.indexAfterBracketed(from: index) ?? tokens.count
    }

    /// The variables read in `range`, outside the EXISTS patterns in it.
    private func variableUses(in range: Range<Int>) -> [Int] {
        var uses: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if tokens[index].isKeyword("EXISTS"), index + 1 < range.upperBound, tokens[index + 1].isPunctuation("{"),
               let end = tokens.indexAfterBracketed(from: index + 1) {
                index = end
                continue
            }
            if tokens[index].kind == .variable { uses.append(index) }
            index += 1
        }
        return uses
    }

    /// The variables a sub-SELECT (its SELECT at `select`, its braces closing at `close`) projects.
    private mutating func projection(ofSubquery select: Int, before close: Int) -> Set<Substring> {
        guard let projection = tokens.subSelectProjection(at: select, before: close) else { return [] }
        guard projection.wildcard else { return projection.variables }
        let open = tokens[projection.body].isPunctuation("{") ? projection.body : projection.body + 1
        return open < close ? scope(of: open) : []
    }
}

extension Array where Element == SPARQLToken {
    /// What the sub-SELECT whose SELECT is at `select` (its braces closing before `close`)
    /// projects: `*`, or its variables (`?v` and `(… AS ?v)`; a `*` inside brackets, as in
    /// `COUNT(*)`, is no wildcard); and where its WHERE clause (`WHERE` or `{`) starts. Nil when
    /// it has none.
    func subSelectProjection(at select: Int, before close: Int) -> (wildcard: Bool, variables: Set<Substring>, body: Int)? {
        guard let body = self[select..<close].firstIndex(where: { $0.isPunctuation("{") || $0.isKeyword("WHERE") }) else { return nil }
        var variables: Set<Substring> = []
        var depth = 0
        for index in (select + 1)..<body {
            let token = self[index]
            if token.opensBracket { depth += 1 } else if token.closesBracket { depth -= 1 }
            if token.isPunctuation("*") && depth == 0 { return (true, [], body) }
            if token.kind == .variable && (depth == 0 || self[index - 1].isKeyword("AS")) { variables.insert(token.variableName) }
        }
        return (false, variables, body)
    }
}

extension SPARQLToken {
    /// A variable's name without its `?` or `$` (the two spell one variable).
    var variableName: Substring { text.dropFirst() }
}
