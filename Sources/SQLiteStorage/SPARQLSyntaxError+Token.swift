import Redland

extension SPARQLSyntaxError {
    /// One error message about `token` of the query `scalars`, with the token's line.
    init(_ text: String, at token: SPARQLToken, in scalars: [Unicode.Scalar]) {
        self.init(text, atOffset: token.range.lowerBound, in: scalars)
    }

    /// One error message about what starts at scalar `offset` of the query `scalars`, with its line.
    init(_ text: String, atOffset offset: Int, in scalars: [Unicode.Scalar]) {
        self.init(messages: [RedlandMessage(.error, text, line: Self.line(of: offset, in: scalars))])
    }

    /// The line (from 1) of scalar `offset` of `scalars`.
    static func line(of offset: Int, in scalars: [Unicode.Scalar]) -> Int {
        1 + scalars[..<offset].lazy.filter { $0 == "\n" }.count
    }
}
