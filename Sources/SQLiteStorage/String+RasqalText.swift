import Redland

extension String {
    /// The text as rasqal should read it. rasqal takes a C string, so a NUL character would end
    /// the query there without a word: such a text is refused. And rasqal 0.9.33's lexer calls a
    /// comment that runs to the very end of the text a syntax error, so a line break is added
    /// after a last line that may hold one (line numbers in its messages are unchanged).
    func forRasqal() throws -> String {
        if unicodeScalars.contains("\0") {
            throw SPARQLSyntaxError(messages: [RedlandMessage(.error, "the text holds a NUL character (U+0000), where rasqal would stop reading")])
        }
        let lastLine = unicodeScalars.lastIndex(of: "\n").map { unicodeScalars[unicodeScalars.index(after: $0)...] } ?? unicodeScalars[...]
        return lastLine.contains("#") ? self + "\n" : self
    }
}
