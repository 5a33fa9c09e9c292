/// Reads a query's tokens as far as `QueryRewrite` needs: the WHERE clause's groups, OPTIONAL,
/// UNION, MINUS, GRAPH, SERVICE, subqueries, and the subject, verbs and objects of each triple
/// pattern, with expressions (FILTER, BIND, VALUES, SELECT expressions) skipped as balanced
/// brackets (but for the EXISTS they hold). It collects the edits that put paths, EXISTS and
/// MINUS in terms rasqal 0.9.33 can parse and run.
struct PatternReader {
    struct Unreadable: Error {}

    /// A query the reader understood but whose EXISTS the store cannot answer right: refused with
    /// the reason, not run with a wrong answer.
    struct Refused: Error {
        let reason: String
    }

    /// The solution an OPTIONAL's group extends, as its FILTERs see it: SPARQL evaluates them on
    /// the merged solution (LeftJoin's condition), so an EXISTS there reads the variables bound
    /// before the OPTIONAL too.
    struct ExtendedSolution {
        /// Those whose values rasqal's variables hold while the OPTIONAL's group runs for that
        /// solution: all the solution binds when two members or more come before the OPTIONAL
        /// (rasqal joins them, and its join binds each row it hands on), else those the group's
        /// leading triples bind (their matching set them).
        let readable: Set<String>
        /// Bound there by a sole member that is no basic pattern (UNION, VALUES, a subquery, a
        /// later GRAPH block), whose rows leave the variables as their inner patterns last set
        /// them: they may belong to another solution.
        let unreadable: Set<String>
    }

    /// A change to the query text: a path or a check put in place of `range`, or `range` erased.
    enum Edit {
        case path(PropertyPath)
        /// The check's placeholder triple. Its object is `anchor`: a variable the triples before it
        /// bind, or a hidden one the check binds (for EXISTS inside an expression, to its value),
        /// or without one the placeholder IRI again. rasqal 0.9.33 ends the whole basic pattern
        /// the first time a triple of constants is absent, but re-runs a pattern with a variable
        /// for each solution of the triples before it.
        case check(PatternCheck, anchor: String?)
        /// Text put in place of the range (empty: at a position; a filter moved to the end of its
        /// group, EXISTS inside an expression replaced by its variable).
        case insert(String)
        case erase
    }

    /// What is known of a group being read.
    struct GroupState {
        /// Where the group's text starts, after its `{`.
        var start = 0
        /// Variables of the group's own triple patterns.
        var tripleVariables: Set<String> = []
        /// Variables its other members bind: triple patterns in groups nested inside it, `GRAPH
        /// ?g`, BIND, VALUES, what a subquery projects.
        var nestedVariables: Set<String> = []
        /// Whether the group so far holds only triples and filters (EXISTS and MINUS included):
        /// its leading triples, which rasqal reads as one basic pattern, bound in all its solutions.
        var leading = true
        var leadingVariables: Set<String> = []
        /// Where the leading triples end: a check's placeholder goes there, in the same basic
        /// pattern as the triples whose values it reads.
        var leadingEnd: Int?
        /// The variables of a GRAPH block that leads the group: bound in its solutions, but in
        /// another basic pattern than the placeholder, which must not name them (rasqal would
        /// take the placeholder for what binds them).
        var blockVariables: Set<String> = []
        /// Whether a filter stands between two leading triple patterns, which rasqal then reads as
        /// two basic patterns joined: a placeholder after the second would not see the first's
        /// values. The group's filters are then moved to its end (where they apply anyway).
        var filterAfterTriples = false, splitByFilter = false
        /// The group's own filters (not `FILTER [NOT] EXISTS`), by scalar range, with their text
        /// as rewritten (EXISTS inside them replaced by its variable).
        var filters: [(range: Range<Int>, text: String)] = []
        /// Whether a check was placed in the group.
        var hasChecks = false
        /// The EXISTS patterns of the group's filters, placed after its triples when it closes.
        var filterPatterns: [ExistsPattern] = []
        /// For an OPTIONAL's group: the solution it extends, which its filters read.
        var extended: ExtendedSolution?
        /// How many members rasqal reads in the group so far (a run of triples is one; a
        /// filter, MINUS or UNION is none), and whether the last was triples.
        var members = 0, lastMemberIsTriples = false

        /// Counts one member, or none for triples after triples.
        mutating func countMember(triples: Bool = false) {
            if !(triples && lastMemberIsTriples) { members += 1 }
            lastMemberIsTriples = triples
        }
    }

    let tokens: [SPARQLToken]
    let scalars: [Unicode.Scalar]
    var base: String?
    var prefixes: [String: String] = [:]
    /// The text before the query form (PREFIX and BASE declarations), for the checks' ASK
    /// queries; nil until the query form is reached.
    var prologue: String?
    var index = 0
    /// How deeply the brackets being read nest; past `maxDepth` the text is left to rasqal, whose
    /// parser refuses it, rather than exhaust a worker thread's stack here.
    var depth = 0
    static let maxDepth = 64
    var groups: [GroupState] = []
    /// Where variables stand in triple patterns (scalar offsets).
    var triplePositions = Set<Int>()
    /// The edits found, by the scalar range each applies to (empty: an insertion).
    var edits: [(range: Range<Int>, edit: Edit)] = []
    /// Hidden variables given to placeholders so far, which number them.
    var hiddenVariables = 0

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar], base: String?) {
        self.tokens = tokens
        self.scalars = scalars
        self.base = base
    }

    /// Keywords that start a member of a group other than a triple pattern.
    static let groupKeywords: Set<String> = ["OPTIONAL", "MINUS", "UNION", "GRAPH", "SERVICE", "FILTER", "BIND", "VALUES"]
    /// Those of them that start a member rasqal joins with the ones before it (`GroupState.members`).
    static let memberKeywords: Set<String> = ["OPTIONAL", "GRAPH", "SERVICE", "BIND", "VALUES"]

    var current: SPARQLToken? { index < tokens.count ? tokens[index] : nil }

    func isAt(_ mark: String) -> Bool { current?.isPunctuation(mark) == true }

    mutating func expect(_ mark: String) throws {
        guard isAt(mark) else { throw Unreadable() }
        index += 1
    }

    /// The prologue, then the first group outside brackets: the WHERE clause (a CONSTRUCT
    /// template is skipped; `CONSTRUCT WHERE` is left to rasqal). Solution modifiers and a
    /// trailing VALUES hold no patterns.
    mutating func readQuery() throws {
        readPrologue()
        while let token = current {
            if token.isKeyword("CONSTRUCT"), index + 1 < tokens.count, tokens[index + 1].isPunctuation("{") {
                index += 1
                try skipBracketed()
            } else if token.isKeyword("CONSTRUCT"), index + 1 < tokens.count, tokens[index + 1].isKeyword("WHERE") {
                throw Unreadable()  // its pattern is its template, where SPARQL allows no paths
            } else if token.isPunctuation("(") {
                try skipBracketed()
            } else if token.isPunctuation("{") {
                _ = try readGroup()
                return
            } else {
                index += 1
            }
        }
    }

    /// The PREFIX and BASE declarations, up to the query form, where `prologue` is set.
    mutating func readPrologue() {
        while let token = current {
            if token.isKeyword("PREFIX"), index + 2 < tokens.count, tokens[index + 1].kind == .prefixedName,
               tokens[index + 2].kind == .iri {
                prefixes[String(tokens[index + 1].text.dropLast())] = resolve(iri: tokens[index + 2].text)
                index += 3
            } else if token.isKeyword("BASE"), index + 1 < tokens.count, tokens[index + 1].kind == .iri {
                base = resolve(iri: tokens[index + 1].text)
                index += 2
            } else {
                prologue = String(scalars: scalars[..<token.range.lowerBound])
                return
            }
        }
    }

    /// Moves to the next `mark` outside brackets, stepping over bracketed parts before it.
    mutating func skip(to mark: String) throws {
        while !isAt(mark) {
            guard current != nil else { throw Unreadable() }
            if isAt("(") || isAt("{") || isAt("[") { try skipBracketed() } else { index += 1 }
        }
    }

    /// Skips from an opening bracket past the one that closes it.
    mutating func skipBracketed() throws {
        guard let end = tokens.indexAfterBracketed(from: index) else { throw Unreadable() }
        index = end
    }

    /// `{ … }`: a subquery, or members up to the closing brace. Returns what the group holds.
    /// Counts one more level of brackets while `body` reads what they hold.
    mutating func nested<T>(_ body: (inout PatternReader) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw Unreadable() }
        return try body(&self)
    }

    /// - Parameter extended: for an OPTIONAL's group, the solution it extends.
    mutating func readGroup(extending extended: ExtendedSolution? = nil) throws -> GroupState {
        try nested { try $0.readGroupContents(extending: extended) }
    }

    private mutating func readGroupContents(extending extended: ExtendedSolution?) throws -> GroupState {
        try expect("{")
        groups.append(GroupState(start: tokens[index - 1].range.upperBound, extended: extended))
        if current?.isKeyword("SELECT") == true {
            let select = index
            groups[groups.count - 1].leading = false
            try skip(to: "{")  // the projection
            let projection = tokens.subSelectProjection(at: select, before: index + 1)
            try readNestedGroup()
            try skip(to: "}")  // the solution modifiers
            index += 1
            if let projection, !projection.wildcard {
                // Only what it projects is bound outside it.
                groups[groups.count - 1].nestedVariables = Set(projection.variables.map(String.init))
            }
            return groups.removeLast()
        }
        while let token = current {
            if token.isPunctuation("}") {
                try place(groups[groups.count - 1].filterPatterns, at: token.range.lowerBound,
                          extending: groups[groups.count - 1].extended)
                moveFiltersIfSplit(to: token.range.lowerBound)
                index += 1
                return groups.removeLast()
            } else if token.isPunctuation(".") {
                index += 1
            } else if token.isPunctuation("{") {
                groups[groups.count - 1].countMember()
                try readNestedGroup()
            } else if token.kind == .word, Self.groupKeywords.contains(token.text.uppercased()) {
                try readGroupMember(token.text.uppercased())
            } else {
                if groups[groups.count - 1].filterAfterTriples { groups[groups.count - 1].splitByFilter = true }
                groups[groups.count - 1].countMember(triples: true)
                try readTriples()
                if groups[groups.count - 1].leading { groups[groups.count - 1].leadingEnd = tokens[index - 1].range.upperBound }
            }
        }
        throw Unreadable()
    }

    /// A group inside the current one, joined with it: the current group's leading triples end.
    mutating func readNestedGroup(extending extended: ExtendedSolution? = nil) throws {
        let inner = try readGroup(extending: extended)
        groups[groups.count - 1].leading = false
        groups[groups.count - 1].nestedVariables.formUnion(inner.tripleVariables.union(inner.nestedVariables))
    }

    mutating func readGroupMember(_ keyword: String) throws {
        let start = tokens[index].range.lowerBound
        index += 1
        switch keyword {
        case "GRAPH":
            try readGraphBlock()
        case "SERVICE":
            if current?.isKeyword("SILENT") == true { index += 1 }
            index += 1
            try readNestedGroup()
        case "FILTER":
            if try !readExistsFilter() {
                if !isAt("(") { index += 1 }  // a function's name
                let values = try readExpression()
                if groups[groups.count - 1].leading && groups[groups.count - 1].leadingEnd != nil {
                    groups[groups.count - 1].filterAfterTriples = true
                }
                let range = start..<tokens[index - 1].range.upperBound
                groups[groups.count - 1].filters.append((range, rewritten(range, replacing: values)))
                groups[groups.count - 1].filterPatterns += values.map(\.pattern)
            }
        case "MINUS":
            try readMinus(from: start)
        case "BIND":
            try skip(to: "(")
            let values = try readExpression()
            // BIND reads the solutions of the members of its group before it.
            try place(values.map(\.pattern), at: start)
            if tokens[index - 2].kind == .variable { groups[groups.count - 1].nestedVariables.insert(String(tokens[index - 2].text.dropFirst())) }
            groups[groups.count - 1].leading = false
        case "VALUES":
            let variables = index
            try skip(to: "{")
            for token in tokens[variables..<index] where token.kind == .variable {
                groups[groups.count - 1].nestedVariables.insert(String(token.text.dropFirst()))
            }
            try skipBracketed()
            groups[groups.count - 1].leading = false
        case "OPTIONAL":
            let around = groups[groups.count - 1]
            let bound = around.tripleVariables.union(around.nestedVariables)
            let readable = around.members >= 2 ? bound : around.leadingVariables
            try readNestedGroup(extending: ExtendedSolution(readable: readable, unreadable: bound.subtracting(readable)))
        default:  // UNION
            try readNestedGroup()
        }
        if Self.memberKeywords.contains(keyword) { groups[groups.count - 1].countMember() }
    }

    /// `GRAPH term { … }`. A block of triple patterns (and filters) that opens its group leads it
    /// as triples would: its variables and the graph's are bound in all the group's solutions, and
    /// a check placed after it (after the group's triples that follow it, if any) is joined with
    /// each of its solutions, so `GRAPH ?g { ?m a :Mention } FILTER NOT EXISTS { GRAPH ?g { ?m
    /// :linksTo ?e } }` is answered.
    mutating func readGraphBlock() throws {
        let graph = current?.kind == .variable ? String(tokens[index].text.dropFirst()) : nil
        if let graph { groups[groups.count - 1].nestedVariables.insert(graph) }
        index += 1
        let opensGroup = groups[groups.count - 1].leading && groups[groups.count - 1].leadingEnd == nil
        let inner = try readGroup()
        groups[groups.count - 1].nestedVariables.formUnion(inner.tripleVariables.union(inner.nestedVariables))
        guard opensGroup, inner.leading, !inner.hasChecks, inner.filterPatterns.isEmpty else {
            groups[groups.count - 1].leading = false
            return
        }
        let bound = inner.tripleVariables.union(graph.map { [$0] } ?? [])
        groups[groups.count - 1].leadingVariables.formUnion(bound)
        groups[groups.count - 1].blockVariables = bound
        groups[groups.count - 1].leadingEnd = tokens[index - 1].range.upperBound
    }

    /// The variable a check's placeholder in `group` names: one its basic pattern binds before it
    /// (nil: none, and the placeholder is a triple of constants, re-run for each solution of the
    /// leading GRAPH block it is joined with).
    static func anchor(among variables: Set<String>, in group: GroupState) -> String? {
        variables.subtracting(group.blockVariables).sorted().first
    }

    /// Moves the filters of a group with checks to its end when one stands between its triples,
    /// so that rasqal reads the triples and the checks as one basic pattern.
    mutating func moveFiltersIfSplit(to close: Int) {
        let group = groups[groups.count - 1]
        guard group.hasChecks, group.splitByFilter else { return }
        for filter in group.filters {
            edits.append((filter.range, .erase))
            edits.append((close..<close, .insert(" " + filter.text + " ")))
        }
    }

    /// One subject and its property list.
    mutating func readTriples() throws {
        if isAt("[") {
            index += 1
            if isAt("]") {
                index += 1
                try readPropertyList()
            } else {
                try readPropertyList()
                try expect("]")
                if startsVerb { try readPropertyList() }
            }
        } else {
            try readNode()
            try readPropertyList()
        }
    }

    var startsVerb: Bool {
        guard let token = current else { return false }
        switch token.kind {
        case .variable, .iri, .prefixedName: return true
        case .word: return token.text == "a"
        case .punctuation: return ["^", "!", "("].contains(token.text)
        default: return false
        }
    }

    /// `verb objects ( ; verb objects )*`, with empty entries between semicolons allowed.
    mutating func readPropertyList() throws {
        repeat {
            try readVerb()
            try readNode()
            while isAt(",") {
                index += 1
                try readNode()
            }
            guard isAt(";") else { return }
            while isAt(";") { index += 1 }
        } while startsVerb
    }

    mutating func readVerb() throws {
        if current?.kind == .variable {
            noteVariable()
            return
        }
        let start = index
        let path = try readAlternative()
        if index - start == 1, case .link = path { return }  // a single IRI: rasqal reads it
        edits.append((tokens[start].range.lowerBound..<tokens[index - 1].range.upperBound, .path(path)))
    }

    /// A variable of a triple pattern of the current group.
    mutating func noteVariable() {
        let name = String(tokens[index].text.dropFirst())
        triplePositions.insert(tokens[index].range.lowerBound)
        groups[groups.count - 1].tripleVariables.insert(name)
        if groups[groups.count - 1].leading { groups[groups.count - 1].leadingVariables.insert(name) }
        index += 1
    }

    /// A subject or object: a term, `[ … ]` or a collection `( … )`.
    mutating func readNode() throws {
        guard let token = current else { throw Unreadable() }
        switch token.kind {
        case .variable:
            noteVariable()
        case .iri, .prefixedName, .blankNode, .number:
            index += 1
        case .string:
            index += 1
            if current?.kind == .word, current?.text.hasPrefix("@") == true {
                index += 1
            } else if isAt("^^") {
                index += 2
            }
        case .word where ["TRUE", "FALSE"].contains(token.text.uppercased()):
            index += 1
        case .punctuation where token.text == "[":
            index += 1
            if !isAt("]") { try nested { try $0.readPropertyList() } }
            try expect("]")
        case .punctuation where token.text == "(":
            index += 1
            while !isAt(")") { try nested { try $0.readNode() } }
            index += 1
        case .punctuation where (token.text == "+" || token.text == "-") && index + 1 < tokens.count
                                && tokens[index + 1].kind == .number:
            index += 2
        default:
            throw Unreadable()
        }
    }
}
