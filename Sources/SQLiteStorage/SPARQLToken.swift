/// A token of SPARQL text, told apart only as far as the property-path rewrite needs: where
/// terms, keywords and punctuation begin and end. Strings, IRIs and comments are read whole so
/// that nothing inside them is mistaken for syntax.
struct SPARQLToken: Equatable {
    enum Kind: Equatable {
        case iri, prefixedName, variable, blankNode, string, number, word, punctuation
    }

    let kind: Kind
    /// Scalar offsets of the token in the text.
    let range: Range<Int>
    let text: String

    /// A local name's `\`-escapes (`\-`, `\.` …) replaced by the characters they stand for.
    static func unescapedLocalName(_ local: Substring) -> String {
        var result = "", escaped = false
        for character in local {
            if !escaped && character == "\\" { escaped = true; continue }
            result.append(character)
            escaped = false
        }
        return result
    }

    /// Whether this is the keyword `word` (keywords are case-insensitive).
    func isKeyword(_ word: String) -> Bool { kind == .word && text.uppercased() == word }

    func isPunctuation(_ mark: String) -> Bool { kind == .punctuation && text == mark }

    /// `(`, `{` or `[`; brackets of every kind nest together in a query that parses.
    var opensBracket: Bool { kind == .punctuation && (text == "(" || text == "{" || text == "[") }
    /// `)`, `}` or `]`.
    var closesBracket: Bool { kind == .punctuation && (text == ")" || text == "}" || text == "]") }

    /// Splits `scalars` into tokens; nil when a string is not closed.
    static func tokens(of scalars: [Unicode.Scalar]) -> [SPARQLToken]? {
        try? tokenized(scalars).get()
    }

    /// A string that its text never closes, at the scalar offset `start`.
    struct UnclosedString: Error {
        let start: Int
    }

    /// Splits `scalars` into tokens, or finds the first string they do not close.
    static func tokenized(_ scalars: [Unicode.Scalar]) -> Result<[SPARQLToken], UnclosedString> {
        var tokens: [SPARQLToken] = []
        var index = 0
        func make(_ kind: Kind, _ end: Int) {
            tokens.append(SPARQLToken(kind: kind, range: index..<end, text: String(scalars: scalars[index..<end])))
            index = end
        }
        func at(_ i: Int) -> Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
            } else if scalar == "#" {
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
            } else if scalar == "<", let end = iriEnd(scalars, from: index) {
                make(.iri, end)
            } else if scalar == "\"" || scalar == "'" {
                guard let end = stringEnd(scalars, from: index) else { return .failure(UnclosedString(start: index)) }
                make(.string, end)
            } else if (scalar == "?" || scalar == "$"), let next = at(index + 1), isNameScalar(next) {
                // A variable's name has no `-` or `.` (SPARQL's VARNAME): `?n-1` is a subtraction.
                var end = index + 1
                while let next = at(end), isNameScalar(next) { end += 1 }
                make(.variable, end)
            } else if scalar == "_", at(index + 1) == ":" {
                make(.blankNode, nameEnd(scalars, from: index + 2, local: true))
            } else if isDigit(scalar) || (scalar == "." && at(index + 1).map(isDigit) == true) {
                make(.number, numberEnd(scalars, from: index))
            } else if scalar == "@", let next = at(index + 1), isLetter(next) {
                var end = index + 1
                while let next = at(end), isLetter(next) || isDigit(next) || next == "-" { end += 1 }
                make(.word, end)
            } else if isLetter(scalar) || scalar == ":" || scalar.value > 0x7F {
                let prefixEnd = scalar == ":" ? index : nameEnd(scalars, from: index, local: false)
                if at(prefixEnd) == ":" {
                    make(.prefixedName, nameEnd(scalars, from: prefixEnd + 1, local: true))
                } else {
                    make(.word, prefixEnd)
                }
            } else if let next = at(index + 1), ["^^", "&&", "||", "!=", "<=", ">="].contains(String(scalar) + String(next)) {
                make(.punctuation, index + 2)
            } else {
                make(.punctuation, index + 1)
            }
        }
        return .success(tokens)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || isDigit(scalar) || scalar == "_" || scalar.value > 0x7F
    }

    /// The end of a name from `start`: letters, digits, `_`, `-`, non-ASCII, inner dots; in the
    /// local part of a prefixed name also `:`, `%hh` and `\`-escapes.
    private static func nameEnd(_ scalars: [Unicode.Scalar], from start: Int, local: Bool) -> Int {
        var end = start
        while end < scalars.count {
            let scalar = scalars[end]
            if isNameScalar(scalar) || scalar == "-" || (local && scalar == ":") {
                end += 1
            } else if local && scalar == "\\" && end + 1 < scalars.count {
                end += 2
            } else if local && scalar == "%" {
                end += 1
            } else if scalar == "." && end + 1 < scalars.count
                        && (isNameScalar(scalars[end + 1]) || scalars[end + 1] == "-" || (local && scalars[end + 1] == ":")) {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    private static func numberEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        while end < scalars.count && isDigit(scalars[end]) { end += 1 }
        if end + 1 < scalars.count && scalars[end] == "." && isDigit(scalars[end + 1]) {
            end += 1
            while end < scalars.count && isDigit(scalars[end]) { end += 1 }
        }
        if end < scalars.count && (scalars[end] == "e" || scalars[end] == "E") {
            var exponent = end + 1
            if exponent < scalars.count && (scalars[exponent] == "+" || scalars[exponent] == "-") { exponent += 1 }
            if exponent < scalars.count && isDigit(scalars[exponent]) {
                end = exponent
                while end < scalars.count && isDigit(scalars[end]) { end += 1 }
            }
        }
        return end
    }

    /// The end of `<…>` when it is an IRI (no spaces, quotes or braces inside); nil for `<` as less-than.
    private static func iriEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var end = start + 1
        while end < scalars.count {
            let scalar = scalars[end]
            if scalar == ">" { return end + 1 }
            if scalar.value <= 0x20 || "<\"{}|^`".unicodeScalars.contains(scalar) { return nil }
            end += 1
        }
        return nil
    }

    /// The end of a string literal in either quote, short or long (`"""…"""`).
    private static func stringEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let quote = scalars[start]
        let long = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var end = start + (long ? 3 : 1)
        while end < scalars.count {
            let scalar = scalars[end]
            if scalar == "\\" {
                end += 2
            } else if scalar == quote {
                if !long { return end + 1 }
                if end + 2 < scalars.count && scalars[end + 1] == quote && scalars[end + 2] == quote {
                    var close = end + 3
                    while close < scalars.count && scalars[close] == quote { close += 1 }  // `""""` ends with a quote
                    return close
                }
                end += 1
            } else if !long && (scalar == "\n" || scalar == "\r") {
                return nil
            } else {
                end += 1
            }
        }
        return nil
    }
}

extension Array where Element == SPARQLToken {
    /// The index after the bracket that closes the one at `start` (`(`, `{` or `[`; brackets of
    /// every kind are counted together, as they nest in a query that parses); `start + 1` when
    /// `start` is no bracket; nil when the bracket is not closed.
    func indexAfterBracketed(from start: Int) -> Int? {
        var depth = 0, index = start
        repeat {
            guard index < count else { return nil }
            if self[index].opensBracket { depth += 1 } else if self[index].closesBracket { depth -= 1 }
            index += 1
        } while depth > 0
        return index
    }

    /// The token ranges of the comma-separated arguments between the brackets at `open` and
    /// `close` (a function call's), each as written; commas inside brackets do not separate.
    func arguments(between open: Int, and close: Int) -> [Range<Int>] {
        var arguments: [Range<Int>] = [], start = open + 1, index = open + 1
        while index < close {
            if self[index].isPunctuation(",") {
                arguments.append(start..<index)
                start = index + 1
                index += 1
            } else {
                index = indexAfterBracketed(from: index) ?? close
            }
        }
        if start < close { arguments.append(start..<close) }
        return arguments
    }
}

extension ArraySlice where Element == SPARQLToken {
    /// Whether the tokens call an aggregate (`COUNT(`, `group_concat (`…): a projection that
    /// does makes its query an aggregate one, grouped or not.
    var callsAggregate: Bool {
        indices.contains { index in
            self[index].kind == .word && AggregateRewrite.names.contains(self[index].text.uppercased())
                && index + 1 < endIndex && self[index + 1].isPunctuation("(")
        }
    }
}
