import Redland

extension SPARQLSyntaxError {
    /// One error message about `token` of the query `scalars`, with the token's line.
    init(_ text: String, at token: SPARQLToken, in scalars: [Unicode.Scalar]) {
        let line = 1 + scalars[..<token.range.lowerBound].lazy.filter { $0 == "\n" }.count
        self.init(messages: [RedlandMessage(.error, text, line: line)])
    }
}
