extension String {
    /// The text as rasqal should read it: rasqal 0.9.33's lexer calls a comment that runs to the
    /// very end of the text (no final newline) a syntax error, so one is added; line numbers in
    /// its messages are unchanged.
    var forRasqal: String { hasSuffix("\n") ? self : self + "\n" }
}
