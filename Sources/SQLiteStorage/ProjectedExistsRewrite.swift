/// EXISTS in a SELECT clause's expressions (the projection, HAVING, ORDER BY), where rasqal 0.9.33
/// cannot parse it and the store could not answer it: it answers EXISTS in the WHERE clause
/// (`QueryRewrite`). So each is bound there instead, at the end of the WHERE clause under a
/// hidden name (`VisibleSolutions.hiddenPrefix`), and the expression reads the variable:
/// `SELECT ?x (EXISTS { ?x a :P } AS ?isP) { … }` becomes `SELECT ?x (?__coatt_projected1 AS ?isP)
/// { … BIND(EXISTS { ?x a :P } AS ?__coatt_projected1) }`. The value is the same: these
/// expressions are evaluated on each solution of the WHERE clause. In a grouped query (GROUP BY or
/// an aggregate), so is an aggregate's argument; an EXISTS outside aggregates sees only the
/// group's keys. It is moved when the WHERE clause's variables it reads are all GROUP BY keys
/// (variables), so that its value is the same for every solution of a group, and read as
/// `SAMPLE(?h)`; any other is left for rasqal to refuse.
struct ProjectedExistsRewrite: TokenWalk {
    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()
    private var hiddenCount = 0

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        SelectClause.all(in: tokens).forEach { move(from: $0) }
    }

    private mutating func move(from clause: SelectClause) {
        let parts = [clause.projection, clause.having, clause.order]
        let aggregates = parts.flatMap(tokens.aggregateCalls)
        let grouped = clause.grouped || !aggregates.isEmpty
        let keys = Set(tokens[clause.groupKeys].filter { $0.kind == .variable }.map(\.variableName))
        let whereVariables = Set(tokens[clause.whereGroup].filter { $0.kind == .variable }.map(\.variableName))
        var binds: [String] = []
        for part in parts {
            var index = part.lowerBound
            while index < part.upperBound {
                guard tokens[index].isKeyword("EXISTS"), index + 1 < part.upperBound, tokens[index + 1].isPunctuation("{"),
                      let end = tokens.indexAfterBracketed(from: index + 1), end <= part.upperBound else {
                    index += 1
                    continue
                }
                let perSolution = !grouped || aggregates.contains { $0.contains(index) }
                let readsOnlyKeys = clause.grouped && !keys.isEmpty && Set(tokens[index..<end].filter { $0.kind == .variable }.map(\.variableName))
                    .intersection(whereVariables).isSubset(of: keys)
                if perSolution || readsOnlyKeys {
                    let negated = index > part.lowerBound && tokens[index - 1].isKeyword("NOT")
                    hiddenCount += 1
                    let variable = "?\(VisibleSolutions.hiddenPrefix)projected\(hiddenCount)"
                    binds.append("BIND(\(tokens.source(index..<end, in: scalars)) AS \(variable))")
                    let value = perSolution ? variable : "SAMPLE(\(variable))"
                    edits.replace((negated ? index - 1 : index)..<end, of: tokens, with: negated ? "(!\(value))" : value)
                }
                index = end
            }
        }
        edits.append(binds, toWhereClauseOf: clause, in: tokens)
    }
}
