/// Reads a query's tokens as far as `QueryRewrite` needs: the WHERE clause's groups, OPTIONAL,
/// UNION, MINUS, GRAPH, SERVICE, subqueries, and the subject, verbs and objects of each triple
/// pattern, with expressions (FILTER, BIND, VALUES, SELECT expressions) skipped as balanced
/// brackets. It collects the edits that put paths, `FILTER [NOT] EXISTS` and MINUS in terms rasqal
/// 0.9.33 can parse and run.
struct PatternReader {
    struct Unreadable: Error {}

    /// A change to the query text: a path or a check put in place of `range`, or `range` erased.
    enum Edit {
        case path(PropertyPath)
        /// The check's placeholder triple. Its object is `anchor`, a variable the triples before it
        /// bind, when there is one: rasqal 0.9.33 ends the whole basic pattern the first time a
        /// triple of constants is absent, but re-runs a pattern with a variable for each solution
        /// of the triples before it.
        case check(PatternCheck, anchor: String?, afterTriple: Bool)
        /// Text put in at a position (a filter moved to the end of its group).
        case insert(String)
        case erase
    }

    /// What is known of a group being read.
    struct GroupState {
        /// Where the group's text starts, after its `{`.
        var start = 0
        /// Variables of the group's own triple patterns.
        var tripleVariables: Set<String> = []
        /// Variables of triple patterns in groups nested inside it (and of `GRAPH ?g`).
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
        /// Whether BIND, VALUES or a subquery binds variables the reader does not follow.
        var opaque = false
        /// Whether a filter stands between two leading triple patterns, which rasqal then reads as
        /// two basic patterns joined: a placeholder after the second would not see the first's
        /// values. The group's filters are then moved to its end (where they apply anyway).
        var filterAfterTriples = false, splitByFilter = false
        /// The group's own filters (not EXISTS), by scalar range.
        var filters: [Range<Int>] = []
        /// Whether a check was placed in the group.
        var hasChecks = false
        /// `FILTER [NOT] EXISTS` found in the group, placed after its triples when it closes.
        var existsFilters: [(negated: Bool, pattern: Range<Int>, variables: Set<String>)] = []
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

    init(tokens: [SPARQLToken], scalars: [Unicode.Scalar], base: String?) {
        self.tokens = tokens
        self.scalars = scalars
        self.base = base
    }

    /// Keywords that start a member of a group other than a triple pattern.
    static let groupKeywords: Set<String> = ["OPTIONAL", "MINUS", "UNION", "GRAPH", "SERVICE", "FILTER", "BIND", "VALUES"]

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
        while let token = current {
            if token.isKeyword("PREFIX"), index + 2 < tokens.count, tokens[index + 1].kind == .prefixedName,
               tokens[index + 2].kind == .iri {
                prefixes[String(tokens[index + 1].text.dropLast())] = resolve(iri: tokens[index + 2].text)
                index += 3
                continue
            } else if token.isKeyword("BASE"), index + 1 < tokens.count, tokens[index + 1].kind == .iri {
                base = resolve(iri: tokens[index + 1].text)
                index += 2
                continue
            }
            if prologue == nil {
                prologue = String(scalars: scalars[..<token.range.lowerBound])
            }
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

    mutating func readGroup() throws -> GroupState {
        try nested { try $0.readGroupContents() }
    }

    private mutating func readGroupContents() throws -> GroupState {
        try expect("{")
        groups.append(GroupState(start: tokens[index - 1].range.upperBound))
        if current?.isKeyword("SELECT") == true {
            groups[groups.count - 1].leading = false
            groups[groups.count - 1].opaque = true
            try skip(to: "{")  // the projection
            try readNestedGroup()
            try skip(to: "}")  // the solution modifiers
            index += 1
            return groups.removeLast()
        }
        while let token = current {
            if token.isPunctuation("}") {
                try placeExistsFilters()
                moveFiltersIfSplit(to: token.range.lowerBound)
                index += 1
                return groups.removeLast()
            } else if token.isPunctuation(".") {
                index += 1
            } else if token.isPunctuation("{") {
                try readNestedGroup()
            } else if token.kind == .word, Self.groupKeywords.contains(token.text.uppercased()) {
                try readGroupMember(token.text.uppercased())
            } else {
                if groups[groups.count - 1].filterAfterTriples { groups[groups.count - 1].splitByFilter = true }
                try readTriples()
                if groups[groups.count - 1].leading { groups[groups.count - 1].leadingEnd = tokens[index - 1].range.upperBound }
            }
        }
        throw Unreadable()
    }

    /// A group inside the current one, joined with it: the current group's leading triples end.
    mutating func readNestedGroup() throws {
        let inner = try readGroup()
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
                try skipBracketed()
                if groups[groups.count - 1].leading && groups[groups.count - 1].leadingEnd != nil {
                    groups[groups.count - 1].filterAfterTriples = true
                }
                groups[groups.count - 1].filters.append(start..<tokens[index - 1].range.upperBound)
            }
        case "MINUS":
            try readMinus(from: start)
        case "BIND", "VALUES":
            try skip(to: keyword == "BIND" ? "(" : "{")
            try skipBracketed()
            groups[groups.count - 1].leading = false
            groups[groups.count - 1].opaque = true
        default:  // OPTIONAL, UNION
            try readNestedGroup()
        }
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
        guard opensGroup, inner.leading, !inner.hasChecks, inner.existsFilters.isEmpty else {
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

    /// After FILTER: `[NOT] EXISTS { … }`, possibly in parentheses, which is erased here and put
    /// back as a check at the end of the group. false (nothing read) for any other filter.
    mutating func readExistsFilter() throws -> Bool {
        let filterStart = tokens[index - 1].range.lowerBound
        var cursor = index
        let parenthesized = tokens[cursor].isPunctuation("(")
        if parenthesized { cursor += 1 }
        let negated = cursor < tokens.count && tokens[cursor].isKeyword("NOT")
        if negated { cursor += 1 }
        guard cursor + 1 < tokens.count, tokens[cursor].isKeyword("EXISTS"), tokens[cursor + 1].isPunctuation("{") else { return false }
        index = cursor + 1
        let patternStart = tokens[index].range.lowerBound
        _ = try readGroup()
        let patternEnd = tokens[index - 1].range.upperBound
        if parenthesized { try expect(")") }
        let variables = Set(tokens.filter { $0.kind == .variable && (patternStart..<patternEnd).contains($0.range.lowerBound) }
                                  .map { String($0.text.dropFirst()) })
        edits.append((filterStart..<tokens[index - 1].range.upperBound, .erase))
        groups[groups.count - 1].existsFilters.append((negated, patternStart..<patternEnd, variables))
        return true
    }

    /// `MINUS { … }`: erased, and a check of the solutions of the triples before it put after
    /// them. Only triples and filters may come before it in the group.
    mutating func readMinus(from start: Int) throws {
        guard isAt("{"), groups[groups.count - 1].leading else { throw Unreadable() }
        let patternStart = tokens[index].range.lowerBound
        let pattern = try readGroup()
        let range = start..<tokens[index - 1].range.upperBound
        edits.append((range, .erase))
        let group = groups[groups.count - 1]
        let shared = pattern.tripleVariables.union(pattern.nestedVariables).intersection(group.leadingVariables)
        // Without a variable in common (no triple before it, say), MINUS removes nothing.
        guard let position = group.leadingEnd, !shared.isEmpty else { return }
        let anchor = Self.anchor(among: shared, in: group) ?? Self.anchor(among: group.leadingVariables, in: group)
        let check = PatternCheck(kind: .minus, prologue: prologue ?? "", pattern: scalars[patternStart..<range.upperBound],
                                 offset: patternStart, tokens: tokens, substituted: shared,
                                 triplePositions: triplePositions)
        edits.append((position..<position, .check(check, anchor: anchor, afterTriple: true)))
        groups[groups.count - 1].hasChecks = true
    }

    /// At the end of a group, its EXISTS filters as checks after its leading triples, where every
    /// variable of theirs is bound. A filter applies to the whole group, so the pattern may use no
    /// other variable of the group: none bound only by OPTIONAL, UNION, GRAPH or later triples.
    mutating func placeExistsFilters() throws {
        let group = groups[groups.count - 1]
        guard !group.existsFilters.isEmpty else { return }
        guard !group.opaque else { throw Unreadable() }
        let inScope = group.tripleVariables.union(group.nestedVariables)
        let position = group.leadingEnd ?? group.start
        for filter in group.existsFilters {
            guard filter.variables.intersection(inScope).isSubset(of: group.leadingVariables) else { throw Unreadable() }
            let check = PatternCheck(kind: filter.negated ? .notExists : .exists, prologue: prologue ?? "",
                                     pattern: scalars[filter.pattern], offset: filter.pattern.lowerBound, tokens: tokens,
                                     substituted: filter.variables.intersection(group.leadingVariables),
                                     triplePositions: triplePositions)
            edits.append((position..<position,
                          .check(check, anchor: Self.anchor(among: group.leadingVariables, in: group), afterTriple: group.leadingEnd != nil)))
        }
        groups[groups.count - 1].hasChecks = true
    }

    /// Moves the filters of a group with checks to its end when one stands between its triples,
    /// so that rasqal reads the triples and the checks as one basic pattern.
    mutating func moveFiltersIfSplit(to close: Int) {
        let group = groups[groups.count - 1]
        guard group.hasChecks, group.splitByFilter else { return }
        for filter in group.filters {
            edits.append((filter, .erase))
            edits.append((close..<close, .insert(" " + String(scalars: scalars[filter]) + " ")))
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
