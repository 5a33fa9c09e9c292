/// What a query's text mentions of the SPARQL that rasqal 0.9.33 misreads, found in one pass
/// over its bytes: the words in any case, anywhere (also inside IRIs or strings: a mention only
/// costs a closer look), and aggregate calls (`COUNT(`, `sum (`, …). Most queries mention none,
/// and pay this pass (about a microsecond for a page of text) instead of being tokenised.
struct SyntaxMentions: OptionSet {
    let rawValue: UInt32

    static let values = SyntaxMentions(rawValue: 1 << 0)
    /// CONCAT, STRBEFORE or STRAFTER.
    static let stringFunction = SyntaxMentions(rawValue: 1 << 1)
    /// GROUP (GROUP BY, GROUP_CONCAT) or HAVING.
    static let grouping = SyntaxMentions(rawValue: 1 << 2)
    /// COUNT, SUM, MIN, MAX, AVG or SAMPLE followed by `(`.
    static let aggregateCall = SyntaxMentions(rawValue: 1 << 3)
    static let replace = SyntaxMentions(rawValue: 1 << 4)
    static let regex = SyntaxMentions(rawValue: 1 << 5)
    /// ORDER, DISTINCT or REDUCED (`SolutionModifiers`).
    static let solutionModifier = SyntaxMentions(rawValue: 1 << 6)
    /// A BIND of more than one variable or one constant (`BindErrorRewrite`).
    static let bind = SyntaxMentions(rawValue: 1 << 7)
    /// DATATYPE (`DatatypeRewrite`).
    static let datatype = SyntaxMentions(rawValue: 1 << 8)
    /// `GRAPH term {}` (`EmptyGraphRewrite`).
    static let emptyGraphPattern = SyntaxMentions(rawValue: 1 << 9)
    /// YEAR, MONTH or DAY (`DateFunctionRewrite`).
    static let dateFunction = SyntaxMentions(rawValue: 1 << 10)
    /// SUBSTR (`SubstringRewrite`).
    static let substring = SyntaxMentions(rawValue: 1 << 11)
    /// A `+` or `-` right before a digit and after an operand's last character (`NumericSignRewrite`).
    static let signedNumber = SyntaxMentions(rawValue: 1 << 12)
    /// `{ OPTIONAL` (`LeadingOptionalRewrite`).
    static let leadingOptional = SyntaxMentions(rawValue: 1 << 13)
    /// IRI or URI followed by `(` (`IRIArgumentRewrite`).
    static let iriFunction = SyntaxMentions(rawValue: 1 << 14)
    /// `GRAPH ?g { … }` with ?g inside the block (`GraphVariableScopeRewrite`).
    static let graphVariable = SyntaxMentions(rawValue: 1 << 15)
    /// FILTER, or BIND of anything but a constant, inside a group of the WHERE clause (an
    /// OPTIONAL's FILTER only in a query with a sub-SELECT; `ExpressionScopeRewrite`).
    static let nestedExpression = SyntaxMentions(rawValue: 1 << 16)
    /// BASE after PREFIX or another BASE (`PrologueOrderRewrite`).
    static let lateBase = SyntaxMentions(rawValue: 1 << 17)
    /// EXISTS (`ProjectedExistsRewrite`).
    static let exists = SyntaxMentions(rawValue: 1 << 18)
    /// `?` or `$` right before a digit: a variable named from a digit (`LeadingDigitVariableRewrite`).
    static let digitVariable = SyntaxMentions(rawValue: 1 << 19)
    /// BNODE (`BlankNodeFunctionRewrite`).
    static let blankNodeFunction = SyntaxMentions(rawValue: 1 << 20)
    /// `DESCRIBE *` (`DescribeQuery.preparable`).
    static let describeWildcard = SyntaxMentions(rawValue: 1 << 21)
    /// BIND, or AS before white space and a variable: a variable assigned (`AssignmentScopeCheck`).
    static let assignment = SyntaxMentions(rawValue: 1 << 22)
    /// Outside `<…>`, a name character before `%` and a hex digit, before `\` and a character a
    /// local name may escape, or before a second `:` of one name (`PrefixedNameRewrite`).
    static let escapedLocalName = SyntaxMentions(rawValue: 1 << 23)
    /// `\u` or `\U`, or a NUL character: a character that may not be one (`CharacterEscapeCheck`).
    static let characterEscape = SyntaxMentions(rawValue: 1 << 24)
    /// `<` before a character other than white space or `=`, which rasqal reads as an IRI up to a
    /// `>` with white space before it (`?a<40 && ?a>26`; `LessThanRewrite`).
    static let lessThanBeforeName = SyntaxMentions(rawValue: 1 << 25)

    init(rawValue: UInt32) { self.rawValue = rawValue }

    init(of text: String) {
        var text = text, found = SyntaxMentions()
        var declared = false  // a PREFIX or BASE seen
        var depth = 0  // of `{`: 1 in a WHERE clause, more in a group inside it
        // Bit d: the group at depth d is an OPTIONAL's own, whose FILTER sees outside it.
        var optionalGroups: UInt64 = 0, optionalNext = false
        // An OPTIONAL's FILTER may still read a sub-SELECT's own variable (`ExpressionScopeRewrite`).
        var optionalFilter = false, selects = 0
        var inIRI = false  // after `<` and before `>`
        text.withUTF8 { bytes in
            func word(_ word: StaticString, at start: Int) -> Bool {
                guard start + word.utf8CodeUnitCount <= bytes.count else { return false }
                for k in 1..<word.utf8CodeUnitCount where bytes[start + k] | 0x20 != word.utf8Start[k] { return false }
                return true
            }
            for index in bytes.indices {
                switch bytes[index] {
                case UInt8(ascii: "<"):
                    inIRI = true
                    if Self.readsAsIRIWithSpace(bytes, at: index) { found.insert(.lessThanBeforeName) }
                case UInt8(ascii: ">"): inIRI = false
                case UInt8(ascii: "%"), UInt8(ascii: "\\"), UInt8(ascii: ":"):
                    if !inIRI && Self.escapesLocalName(bytes, at: index) { found.insert(.escapedLocalName) }
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "u") {
                        found.insert(.characterEscape)
                    }
                case 0: found.insert(.characterEscape)
                default: break
                }
                switch bytes[index] | 0x20 {
                case UInt8(ascii: "v") where word("values", at: index): found.insert(.values)
                case UInt8(ascii: "c") where word("concat", at: index): found.insert(.stringFunction)
                case UInt8(ascii: "s") where word("strbefore", at: index) || word("strafter", at: index): found.insert(.stringFunction)
                case UInt8(ascii: "s") where word("substr", at: index): found.insert(.substring)
                case UInt8(ascii: "g") where word("group", at: index): found.insert(.grouping)
                case UInt8(ascii: "g") where word("graph", at: index):
                    if Self.opensEmptyGroup(bytes, from: index + 5) { found.insert(.emptyGraphPattern) }
                    if Self.graphVariableUsedInside(bytes, from: index + 5) { found.insert(.graphVariable) }
                case UInt8(ascii: "h") where word("having", at: index): found.insert(.grouping)
                case UInt8(ascii: "r") where word("replace", at: index): found.insert(.replace)
                case UInt8(ascii: "r") where word("regex", at: index): found.insert(.regex)
                case UInt8(ascii: "r") where word("reduced", at: index): found.insert(.solutionModifier)
                case UInt8(ascii: "o") where word("order", at: index): found.insert(.solutionModifier)
                case UInt8(ascii: "o") where word("optional", at: index):
                    let next = Self.afterSpace(bytes, from: index + 8)
                    optionalNext = next < bytes.count && bytes[next] == UInt8(ascii: "{")
                case UInt8(ascii: "d") where word("describe", at: index):
                    let next = Self.afterSpace(bytes, from: index + 8)
                    if next < bytes.count, bytes[next] == UInt8(ascii: "*") { found.insert(.describeWildcard) }
                case UInt8(ascii: "d") where word("distinct", at: index): found.insert(.solutionModifier)
                case UInt8(ascii: "d") where word("datatype", at: index): found.insert(.datatype)
                case UInt8(ascii: "e") where word("exists", at: index): found.insert(.exists)
                case UInt8(ascii: "y") where word("year", at: index): found.insert(.dateFunction)
                case UInt8(ascii: "m") where word("month", at: index): found.insert(.dateFunction)
                case UInt8(ascii: "d") where word("day", at: index): found.insert(.dateFunction)
                case UInt8(ascii: "i") where word("iri", at: index) && Self.opensBracket(bytes, from: index + 3),
                     UInt8(ascii: "u") where word("uri", at: index) && Self.opensBracket(bytes, from: index + 3):
                    found.insert(.iriFunction)
                case UInt8(ascii: "b") where word("base", at: index):
                    if declared { found.insert(.lateBase) }
                    declared = true
                case UInt8(ascii: "p") where word("prefix", at: index): declared = true
                case UInt8(ascii: "b") where word("bnode", at: index): found.insert(.blankNodeFunction)
                case UInt8(ascii: "a") where word("as", at: index) && Self.namesVariable(bytes, after: index + 2):
                    found.insert(.assignment)
                case UInt8(ascii: "b") where word("bind", at: index):
                    found.insert(.assignment)
                    let oneTerm = Self.bindsOneTerm(bytes, from: index + 4)
                    if !oneTerm { found.insert(.bind) }
                    if depth > 1 && !(oneTerm && !Self.opensVariable(bytes, from: index + 4)) { found.insert(.nestedExpression) }
                case UInt8(ascii: "f") where word("filter", at: index) && depth > 1:
                    if depth >= 64 || optionalGroups & (1 << depth) == 0 { found.insert(.nestedExpression) } else { optionalFilter = true }
                case UInt8(ascii: "s") where word("select", at: index): selects += 1
                case UInt8(ascii: "?"), UInt8(ascii: "$"):  // `| 0x20` leaves both as they are
                    if index + 1 < bytes.count, bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39 { found.insert(.digitVariable) }
                case UInt8(ascii: "+"), UInt8(ascii: "-"):  // `| 0x20` leaves both as they are
                    if Self.signsNumberAfterOperand(bytes, at: index) { found.insert(.signedNumber) }
                case UInt8(ascii: "("):  // `(` is 0x28, which `| 0x20` leaves as it is
                    if Self.followsAggregateName(bytes, at: index) { found.insert(.aggregateCall) }
                case UInt8(ascii: "}"):  // 0x7D, which `| 0x20` leaves as it is
                    depth -= 1
                case UInt8(ascii: "{"):  // 0x7B, which `| 0x20` leaves as it is
                    depth += 1
                    if depth < 64 {
                        if optionalNext { optionalGroups |= 1 << depth } else { optionalGroups &= ~(1 << depth) }
                    }
                    optionalNext = false
                    let next = Self.afterSpace(bytes, from: index + 1)
                    if next < bytes.count, bytes[next] | 0x20 == UInt8(ascii: "o"), word("optional", at: next) { found.insert(.leadingOptional) }
                default: break
                }
            }
        }
        if optionalFilter && selects > 1 { found.insert(.nestedExpression) }
        self = found
    }

    /// Whether the `<` at `index` comes before a character other than white space or `=`, and white
    /// space comes before the next `>`: rasqal's lexer reads an IRI there, SPARQL does not.
    private static func readsAsIRIWithSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 1 < bytes.count, !isSpace(bytes[index + 1]), bytes[index + 1] != UInt8(ascii: "=") else { return false }
        var end = index + 1, spaced = false
        while end < bytes.count, bytes[end] != UInt8(ascii: ">") {
            spaced = spaced || isSpace(bytes[end])
            end += 1
        }
        return spaced && end < bytes.count
    }

    /// Whether the `+` or `-` at `index` comes right before a digit and after (white space
    /// allowed) a letter, digit, `_`, non-ASCII character, `)`, `"`, `'` or `>`.
    private static func signsNumberAfterOperand(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),  // not a control byte `| 0x20` made one
              index + 1 < bytes.count, bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39 else { return false }
        var before = index
        while before > 0, isSpace(bytes[before - 1]) { before -= 1 }
        guard before > 0 else { return false }
        let byte = bytes[before - 1]
        return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte >= 0x80
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || byte == UInt8(ascii: ">")
    }

    /// Whether the text from `start` reads `?g {`, and ?g (or $g) appears again before the
    /// block's brackets close.
    private static func graphVariableUsedInside(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let sigil = afterSpace(bytes, from: start)
        guard startsVariable(bytes, from: sigil) else { return false }
        var index = sigil + 1
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        let name = (sigil + 1)..<index
        index = afterSpace(bytes, from: index)
        guard !name.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return false }
            case UInt8(ascii: "?"), UInt8(ascii: "$"):
                let end = index + 1 + name.count
                if end <= bytes.count, (end == bytes.count || !isNameByte(bytes[end])),
                   zip(name, (index + 1)..<end).allSatisfy({ bytes[$0] == bytes[$1] }) { return true }
            default: break
            }
            index += 1
        }
        return false
    }

    /// A byte of a variable's name (any non-ASCII byte counts).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// Whether the text from `start` reads `?` or `$` (white space allowed before it).
    private static func startsVariable(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let index = afterSpace(bytes, from: start)
        return index < bytes.count && (bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "$"))
    }

    /// Whether the text from `start` reads `(` and a variable (white space allowed between).
    private static func opensVariable(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        opensBracket(bytes, from: start) && startsVariable(bytes, from: afterSpace(bytes, from: start) + 1)
    }

    /// Whether the text from `start` reads `(` (white space allowed before it).
    private static func opensBracket(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let index = afterSpace(bytes, from: start)
        return index < bytes.count && bytes[index] == UInt8(ascii: "(")
    }

    /// Whether the text from `start` reads `term {}` (white space allowed between).
    private static func opensEmptyGroup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        index = afterSpace(bytes, from: index)
        let termStart = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "{") { index += 1 }
        guard index > termStart else { return false }
        index = afterSpace(bytes, from: index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        index += 1
        index = afterSpace(bytes, from: index)
        return index < bytes.count && bytes[index] == UInt8(ascii: "}")
    }

    /// Whether the `%`, `\` or `:` at `index` is a local name's `%` sequence, `\` escape or second
    /// `:` (`escapedLocalName`).
    private static func escapesLocalName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func inName(_ byte: UInt8) -> Bool { isNameByte(byte) || byte == UInt8(ascii: "-") }
        guard index > 0 else { return false }
        if bytes[index] == UInt8(ascii: ":") && bytes[index - 1] == UInt8(ascii: ":") { return true }  // `::`, `z::`
        guard inName(bytes[index - 1]), index + 1 < bytes.count else { return false }
        let next = bytes[index + 1]
        switch bytes[index] {
        case UInt8(ascii: "%"):
            return (next >= 0x30 && next <= 0x39) || (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "f"))
        case UInt8(ascii: "\\"):
            return "_~.-!$&'()*+,;=/?#@%".utf8.contains(next)
        default:  // `:`: another `:` earlier in the same name
            var before = index - 1
            while before > 0, inName(bytes[before]) || bytes[before] == UInt8(ascii: ".") { before -= 1 }
            return bytes[before] == UInt8(ascii: ":")
        }
    }

    /// Whether white space and then `?` or `$` follow `index`.
    private static func namesVariable(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        guard index < bytes.count, isSpace(bytes[index]) else { return false }
        let next = afterSpace(bytes, from: index)
        return next < bytes.count && (bytes[next] == UInt8(ascii: "?") || bytes[next] == UInt8(ascii: "$"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The index of the first byte from `index` on that is not white space.
    private static func afterSpace(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var index = index
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// Whether the text from `start` reads `( term AS`, the term a variable, a number, an IRI, a
    /// prefixed name or a string without quotes or escapes inside (white space allowed between).
    private static func bindsOneTerm(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        index = afterSpace(bytes, from: index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { return false }
        index += 1
        index = afterSpace(bytes, from: index)
        guard index < bytes.count else { return false }
        let first = bytes[index]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: "<") {
            let close = first == UInt8(ascii: "<") ? UInt8(ascii: ">") : first
            index += 1
            while index < bytes.count, bytes[index] != close, bytes[index] != UInt8(ascii: "\\") { index += 1 }
            guard index < bytes.count, bytes[index] == close else { return false }
            index += 1
        } else {
            // A variable, number or prefixed name: up to white space (no operator may stand in it).
            let termStart = index
            while index < bytes.count, !isSpace(bytes[index]) {
                let byte = bytes[index]
                guard byte >= 0x80 || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: ":")
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || (byte >= 0x30 && byte <= 0x39)
                        || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) else { return false }
                index += 1
            }
            guard index > termStart else { return false }
        }
        guard index < bytes.count, isSpace(bytes[index]) else { return false }
        index = afterSpace(bytes, from: index)
        return index + 2 < bytes.count && bytes[index] | 0x20 == UInt8(ascii: "a") && bytes[index + 1] | 0x20 == UInt8(ascii: "s")
            && isSpace(bytes[index + 2])
    }

    private static let aggregateNames: Set<String> = ["COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE"]

    /// Whether the letters before `(` at `index` (white space between allowed) name an aggregate.
    private static func followsAggregateName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var end = index
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] | 0x20 >= UInt8(ascii: "a"), bytes[start - 1] | 0x20 <= UInt8(ascii: "z") { start -= 1 }
        guard (3...6).contains(end - start) else { return false }
        return aggregateNames.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).uppercased())
    }
}
