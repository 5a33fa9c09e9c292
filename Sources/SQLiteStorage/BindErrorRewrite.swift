/// BINDs that keep their solution when the expression is an error. SPARQL 1.1 (§18.6, Extend)
/// leaves the variable unbound then; rasqal 0.9.33 drops the solution instead, so
/// `BIND(YEAR(?date) AS ?year)` lost every post whose date was not an xsd:dateTime, and
/// `BIND(STRLEN(?x) AS ?n)` every solution where `?x` was an IRI. rasqal's COALESCE answers no
/// value, not an error, when its arguments all fail, so `BIND(e AS ?v)` becomes
/// `BIND(COALESCE(e) AS ?v)`: the same value where `e` has one. A BIND of one token (a variable,
/// which rasqal leaves unbound right, or a constant) and one of a COALESCE stay as written.
enum BindErrorRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices where tokens[index].isKeyword("BIND") {
            let open = index + 1
            guard open < tokens.count, tokens[open].isPunctuation("("), let end = tokens.indexAfterBracketed(from: open),
                  end - 4 > open, tokens[end - 3].isKeyword("AS") else { continue }
            let expression = (open + 1)..<(end - 3)
            guard expression.count > 1, !isCoalesce(expression, in: tokens) else { continue }
            edits.replace(expression, of: tokens, with: "COALESCE(" + tokens.source(expression, in: query.scalars) + ")")
        }
        return edits
    }

    private static func isCoalesce(_ expression: Range<Int>, in tokens: [SPARQLToken]) -> Bool {
        tokens[expression.lowerBound].isKeyword("COALESCE") && expression.count > 1
            && tokens.indexAfterBracketed(from: expression.lowerBound + 1) == expression.upperBound
    }
}
