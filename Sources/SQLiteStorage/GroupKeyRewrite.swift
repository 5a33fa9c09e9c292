/// GROUP BY keys written as variables that the WHERE clause binds. rasqal 0.9.33 puts every
/// solution in one group when a key is `(expression AS ?v)`, leaving `?v` unbound (so
/// `GROUP BY (YEAR(?date) AS ?year)` counted all posts under no year), and drops a solution
/// whose key expression is an error, where SPARQL 1.1 (§18.5, ListEval) makes the error a key
/// of its own.
///
/// So `{ … } GROUP BY (YEAR(?d) AS ?y)` becomes `{ … BIND(YEAR(?d) AS ?y) } GROUP BY ?y`, and a key
/// without a name (`GROUP BY YEAR(?d)`, `GROUP BY (?a + ?b)`) gets a hidden one
/// (`?__coatt_key1`, dropped from the solutions by `VisibleSolutions`), or the projection's name
/// for the same expression. `(?x)` is `?x`. The BIND keeps a solution whose expression is an
/// error, with the variable unbound (`BindErrorRewrite`). Groups are then told apart by
/// `CRasqalOverrides`'s comparison of keys as terms.
struct GroupKeyRewrite: TokenWalk {
    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    private(set) var edits = TextEdits()
    private var hiddenCount = 0

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar]) { (self.tokens, self.scalars) = (tokens, scalars) }

    mutating func findEdits() {
        SelectClause.all(in: tokens).filter(\.grouped).forEach { rewriteKeys(of: $0) }
    }

    private mutating func rewriteKeys(of clause: SelectClause) {
        guard let keys = tokens.groupKeys(in: clause.groupKeys) else { return }
        var binds: [String] = [], names: [String] = []
        for key in keys {
            let expression = key.expression ?? key.tokens
            if key.variable == nil, expression.count == 1, tokens[expression.lowerBound].kind == .variable {  // `?x`; `(?x)` is `?x`
                names.append(tokens[expression.lowerBound].text)
                continue
            }
            let variable = key.variable ?? projectedName(of: expression, in: clause) ?? newHiddenVariable()
            binds.append("BIND(\(tokens.source(expression, in: scalars)) AS \(variable))")
            names.append(variable)
        }
        let variables = names.joined(separator: " ")
        if variables != tokens.spelling(clause.groupKeys) { edits.replace(clause.groupKeys, of: tokens, with: variables) }
        edits.append(binds, toWhereClauseOf: clause, in: tokens)
    }

    /// For a key without a name that the projection names, written alike (`SELECT (YEAR(?d) AS ?y)
    /// … GROUP BY YEAR(?d)`, which SPARQL 1.1 leaves invalid and Jena reads so), that name; the
    /// projected item becomes the variable.
    private mutating func projectedName(of expression: Range<Int>, in clause: SelectClause) -> String? {
        var index = clause.projection.lowerBound
        while index < clause.projection.upperBound {
            guard tokens[index].isPunctuation("("), let end = tokens.indexAfterBracketed(from: index), end <= clause.projection.upperBound else {
                index += 1
                continue
            }
            if end - index > 4, tokens[end - 3].isKeyword("AS"), tokens[end - 2].kind == .variable,
               tokens.spelling((index + 1)..<(end - 3)) == tokens.spelling(expression) {
                edits.replace(index..<end, of: tokens, with: tokens[end - 2].text)
                return tokens[end - 2].text
            }
            index = end
        }
        return nil
    }

    private mutating func newHiddenVariable() -> String {
        hiddenCount += 1
        return "?\(VisibleSolutions.hiddenPrefix)key\(hiddenCount)"
    }
}

extension Array where Element == SPARQLToken {
    /// The keys of a GROUP BY, each with its tokens and, unless it is a variable, its expression
    /// and the variable it is named (`AS ?v`) if any; nil when the keys do not read so.
    func groupKeys(in range: Range<Int>) -> [(tokens: Range<Int>, expression: Range<Int>?, variable: String?)]? {
        var keys: [(tokens: Range<Int>, expression: Range<Int>?, variable: String?)] = [], index = range.lowerBound
        while index < range.upperBound {
            let token = self[index]
            if token.kind == .variable {
                keys.append((index..<(index + 1), nil, nil))
                index += 1
            } else if token.isPunctuation("("), let end = indexAfterBracketed(from: index), end <= range.upperBound, end - index > 2 {
                let named = end - index > 4 && self[end - 3].isKeyword("AS") && self[end - 2].kind == .variable
                keys.append((index..<end, (index + 1)..<(named ? end - 3 : end - 1), named ? self[end - 2].text : nil))
                index = end
            } else if [.word, .iri, .prefixedName].contains(token.kind), index + 1 < range.upperBound, self[index + 1].isPunctuation("("),
                      let end = indexAfterBracketed(from: index + 1), end <= range.upperBound {
                keys.append((index..<end, index..<end, nil))
                index = end
            } else {
                return nil
            }
        }
        return keys
    }
}
