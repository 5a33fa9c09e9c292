/// A query with each `[NOT] EXISTS { … }` put as `(true)` and each `MINUS { … }` taken out: what
/// rasqal 0.9.33, which reads neither, can parse of a query the store could not take them over from.
///
/// The store reads EXISTS and MINUS itself; when it cannot read a query (a syntax error anywhere
/// in it), rasqal is given the text as written and reports EXISTS or MINUS, wherever the error
/// is. Parsing this text instead finds the error.
enum NegationRemoval: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let isNegation = token.isKeyword("EXISTS") || token.isKeyword("MINUS")
            guard isNegation, index + 1 < tokens.count, tokens[index + 1].isPunctuation("{") else {
                index += 1
                continue
            }
            // A block the text never closes is taken out to the end: rasqal then reports the end.
            let end = tokens.indexAfterBracketed(from: index + 1) ?? tokens.count
            let start = token.isKeyword("EXISTS") && index > 0 && tokens[index - 1].isKeyword("NOT") ? index - 1 : index
            edits.replace(start..<end, of: tokens, with: token.isKeyword("EXISTS") ? "(true)" : "")
            index = end
        }
        return edits
    }
}
