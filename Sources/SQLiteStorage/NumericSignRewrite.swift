/// Additions and subtractions of numbers written without a space after the operator, as rasqal
/// 0.9.33 misreads them. Its lexer reads `+1` and `-1` as signed numbers even after an operand,
/// and its grammar then adds such a number before the multiplications that follow it (`3+1*2`
/// gave 8, `?o-2*3` gave `(?o-2)*3`) and, from three of them in one sum (`?x+1+1+1`,
/// `1-1-1-1`), corrupts the heap and aborts the process. Inside expressions, a `+` or `-` right
/// after an operand and right before a number gets a space, so that rasqal reads an operator and
/// an unsigned number. Elsewhere (a triple's object, a VALUES row) a signed number is a term
/// and stays as written.
enum NumericSignRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        var expressions: [Bool] = []  // for each open bracket, innermost last: whether it holds an expression
        for index in tokens.indices {
            let token = tokens[index]
            if token.opensBracket {
                expressions.append(token.text == "(" && opensExpression(at: index, in: tokens, inside: expressions))
            } else if token.closesBracket {
                _ = expressions.popLast()
            } else if expressions.last == true, token.isPunctuation("+") || token.isPunctuation("-"),
                      index > 0, index + 1 < tokens.count, tokens[index + 1].kind == .number,
                      token.range.upperBound == tokens[index + 1].range.lowerBound, endsOperand(tokens[index - 1]) {
                edits.replace(token.range.upperBound..<token.range.upperBound, with: " ")
            }
        }
        return edits
    }

    /// A `(` opens an expression inside an expression, outside every group (a SELECT clause's,
    /// GROUP BY's, ORDER BY's, HAVING's), and in a group after FILTER, BIND and the like or after
    /// the name of a function FILTER calls; after anything else in a group it opens a collection
    /// (`?s :p (1 -1)`), a path or a VALUES row.
    private static func opensExpression(at index: Int, in tokens: [SPARQLToken], inside expressions: [Bool]) -> Bool {
        if expressions.isEmpty || expressions.last == true { return true }
        guard index > 0 else { return false }
        let before = tokens[index - 1]
        if before.kind == .word { return !before.text.hasPrefix("@") }
        return [.iri, .prefixedName].contains(before.kind) && index > 1 && tokens[index - 2].isKeyword("FILTER")
    }

    private static func endsOperand(_ token: SPARQLToken) -> Bool {
        switch token.kind {
        case .number, .variable, .string, .iri, .prefixedName: return true
        case .word: return token.text.hasPrefix("@") || ["TRUE", "FALSE"].contains(token.text.uppercased())
        case .punctuation: return token.text == ")"
        case .blankNode: return false
        }
    }
}
