/// `CONCAT()` written as `""`, the empty string SPARQL 1.1 gives it: rasqal 0.9.33's grammar wants
/// at least one argument and refused the query.
enum EmptyConcatRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        for index in tokens.indices.dropLast(2)
        where tokens[index].isKeyword("CONCAT") && tokens[index + 1].isPunctuation("(") && tokens[index + 2].isPunctuation(")") {
            edits.replace(tokens[index].range.lowerBound..<tokens[index + 2].range.upperBound, with: "\"\"")
        }
        return edits
    }
}
