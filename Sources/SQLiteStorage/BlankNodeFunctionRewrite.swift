/// `BNODE(string)` scoped to one solution, as SPARQL 1.1 (§17.4.2.9) says: the same string gives
/// the same blank node within a solution and another one in every other solution. rasqal 0.9.33
/// made the string itself the blank node's label, so `BNODE("x")` was one node in every solution,
/// and a label with a space (`BNODE("a b")`) made N-Triples and Turtle output unreadable.
///
/// Each BIND or projection that calls BNODE with an argument gets a value of its own per
/// solution, `BIND(STRUUID() AS ?__coatt_bnode_scopeN)` just before the BIND (or at the end of the
/// SELECT's WHERE clause), and `BNODE(arg)` becomes `BNODE(CONCAT(scope, "-", MD5(CONCAT(arg))))`:
/// a label of hexadecimal digits and hyphens, the same for the same string in one solution. The
/// inner CONCAT keeps a number or an IRI an error, as BNODE of one is (rasqal's MD5 takes
/// numbers). (STRUUID is evaluated per solution: `CRasqalOverrides` keeps rasqal from folding it.)
/// A grouped or aggregating projection, and BNODE elsewhere (FILTER, ORDER BY), keep rasqal's.
enum BlankNodeFunctionRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits(), scopes = 0
        func nextScope() -> String {
            defer { scopes += 1 }
            return "?" + VisibleSolutions.hiddenPrefix + "bnode_scope\(scopes)"
        }
        for index in tokens.indices where tokens[index].isKeyword("BIND") && index + 1 < tokens.count && tokens[index + 1].isPunctuation("(") {
            guard let end = tokens.indexAfterBracketed(from: index + 1) else { continue }
            let scope = nextScope()
            if scopeCalls(in: (index + 2)..<(end - 1), to: scope, query, &edits) {
                let start = tokens[index].range.lowerBound
                edits.replace(start..<start, with: "BIND(STRUUID() AS \(scope)) ")
            }
        }
        for clause in SelectClause.all(in: tokens) where !clause.grouped && !tokens[clause.projection].callsAggregate {
            let scope = nextScope()
            if scopeCalls(in: clause.projection, to: scope, query, &edits) {
                edits.append(["BIND(STRUUID() AS \(scope))"], toWhereClauseOf: clause, in: tokens)
            }
        }
        return edits
    }

    /// Rewrites each `BNODE(arg)` in `range` to read `scope`; whether there was one.
    private static func scopeCalls(in range: Range<Int>, to scope: String, _ query: TokenizedQuery, _ edits: inout TextEdits) -> Bool {
        let tokens = query.tokens
        var found = false, index = range.lowerBound
        while index < range.upperBound {
            guard tokens[index].isKeyword("BNODE"), index + 2 < range.upperBound, tokens[index + 1].isPunctuation("("),
                  !tokens[index + 2].isPunctuation(")"), let end = tokens.indexAfterBracketed(from: index + 1) else {
                index += 1
                continue
            }
            let argument = tokens.source((index + 2)..<(end - 1), in: query.scalars)
            edits.replace((index + 2)..<(end - 1), of: tokens, with: "CONCAT(\(scope), \"-\", MD5(CONCAT(\(argument))))")
            found = true
            index = end
        }
        return found
    }
}
