/// The first outermost `SERVICE [SILENT] endpoint { P }` of a query's text, read from its tokens,
/// with what asking for it needs: the prologue its pattern is sent with, and, for a block directly
/// in the WHERE clause's group, the members before it, which can narrow what is asked.
struct ServiceBlock {
    let query: TokenizedQuery
    /// Token indices: the SERVICE keyword, and just after the block's closing `}`.
    let tokenRange: Range<Int>
    let silent: Bool
    /// The endpoint as written (`<iri>`, a prefixed name, or `?variable`), for messages.
    let endpointText: String
    /// The endpoint's IRI, resolved against the prologue; nil when it is a variable.
    let endpointIRI: String?
    /// The variable naming the endpoint (without `?`), or nil.
    let endpointVariable: String?
    /// Token indices of the pattern's `{` and `}`.
    let open: Int, close: Int
    /// PREFIX and BASE declarations, as written.
    let prologue: String
    /// FROM and FROM NAMED clauses of the query, as written.
    let datasetClauses: String
    /// Tokens of the WHERE group before the block when the block is directly in that group.
    let leadingMembers: Range<Int>?

    /// The first SERVICE block outside any other in `text`; nil when there is none (or the text
    /// cannot be read, which leaves it to rasqal's parser).
    init?(in text: String, baseIRI: String?) {
        guard let tokenized = TokenizedQuery(text),
              let service = tokenized.tokens.firstIndex(where: { $0.isKeyword("SERVICE") }) else { return nil }
        query = tokenized
        let (tokens, scalars) = (tokenized.tokens, tokenized.scalars)
        var reader = PatternReader(tokens: tokens, scalars: scalars, base: baseIRI)
        reader.readPrologue()
        prologue = reader.prologue ?? ""
        var index = service + 1
        silent = index < tokens.count && tokens[index].isKeyword("SILENT")
        if silent { index += 1 }
        guard index + 1 < tokens.count, tokens[index + 1].isPunctuation("{"),
              let end = tokens.indexAfterBracketed(from: index + 1) else { return nil }
        let endpoint = tokens[index]
        endpointText = endpoint.text
        if endpoint.kind == .variable {
            endpointIRI = nil
            endpointVariable = String(endpoint.text.dropFirst())
        } else {
            reader.index = index
            guard let iri = try? reader.readIRI() else { return nil }
            endpointIRI = iri
            endpointVariable = nil
        }
        tokenRange = service..<end
        open = index + 1
        close = end - 1
        let whereOpen = GroupScopes.whereGroup(in: tokens)
        datasetClauses = Self.datasetClauses(in: query, before: whereOpen ?? service)
        leadingMembers = whereOpen.flatMap { whereOpen in
            Self.depth(of: service, below: whereOpen, in: tokens) == 1 ? (whereOpen + 1)..<service : nil
        }
    }

    /// Whether `text` mentions the word SERVICE in any case, anywhere: one pass over its bytes,
    /// which most queries pay instead of being tokenised (Foundation's case-insensitive search
    /// cost a few microseconds, as much as a point lookup).
    static func isMentioned(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let word = Array("service".utf8)
            guard bytes.count >= word.count else { return false }
            return (0...(bytes.count - word.count)).contains { start in
                word.indices.allSatisfy { bytes[start + $0] | 0x20 == word[$0] }
            }
        }
    }

    /// The text between the pattern's braces.
    var pattern: String {
        open + 1 < close ? query.tokens.source((open + 1)..<close, in: query.scalars) : ""
    }

    /// Every variable the pattern names, in order of first appearance (without `?`).
    var patternVariables: [String] {
        var seen = Set<String>()
        return query.tokens[(open + 1)..<close].compactMap { token in
            guard token.kind == .variable else { return nil }
            let name = String(token.text.dropFirst())
            return seen.insert(name).inserted ? name : nil
        }
    }

    /// Variables every solution of the pattern binds: those of its own triple patterns (outside
    /// brackets), but not one a VALUES there may leave UNDEF.
    var boundVariables: Set<String> {
        var bound = Set<String>(), index = open + 1
        let tokens = query.tokens
        while index < close {
            if tokens[index].isKeyword("VALUES") {
                index += 2  // its variable (a bracketed list is stepped over next)
            } else if tokens[index].opensBracket {
                index = tokens.indexAfterBracketed(from: index) ?? close
            } else {
                if tokens[index].kind == .variable { bound.insert(String(tokens[index].text.dropFirst())) }
                index += 1
            }
        }
        return bound
    }

    /// The leading members' text without their FILTERs (which constrain the whole group, so may
    /// read variables only later members bind), and the variables it names.
    var leadingPattern: (text: String, variables: Set<String>)? {
        guard let members = leadingMembers else { return nil }
        let tokens = query.tokens
        var kept: [Range<Int>] = [], start = members.lowerBound, index = members.lowerBound
        while index < members.upperBound {
            guard tokens[index].isKeyword("FILTER") else {
                index = tokens.indexAfterBracketed(from: index) ?? members.upperBound
                continue
            }
            if start < index { kept.append(start..<index) }
            index += 1
            if index < members.upperBound, tokens[index].isKeyword("NOT") { index += 1 }
            if index < members.upperBound, tokens[index].isKeyword("EXISTS") || tokens[index].kind != .punctuation { index += 1 }
            index = min(members.upperBound, tokens.indexAfterBracketed(from: index) ?? members.upperBound)
            start = index
        }
        if start < members.upperBound { kept.append(start..<members.upperBound) }
        let text = kept.map { tokens.source($0, in: query.scalars) }.joined(separator: " ")
        let variables = Set(kept.flatMap { tokens[$0] }.filter { $0.kind == .variable }.map { String($0.text.dropFirst()) })
        return (text, variables)
    }

    /// `self` replaced by `answer`, a VALUES block, in the query's text (line breaks kept). The
    /// answer of a bind join goes before the members it follows instead when they only join (no
    /// OPTIONAL, MINUS or BIND, whose meaning depends on what comes before them) and start with a
    /// triple pattern naming one of `joinedOn`: the join is the same, and rasqal then looks that
    /// triple up with each row's values (`RasqalJoinHints`) instead of comparing every solution of
    /// the members with every row of the answer (3,806 local people with 2,408 remote labels: 9
    /// million comparisons, 0.24 s). A first triple not naming them would be scanned once per row.
    func replaced(with answer: String, joinedOn: Set<String>) -> String {
        var edits = TextEdits()
        if let members = leadingMembers, membersOnlyJoin(members), startsWithTriple(naming: joinedOn, members) {
            // An empty group joins as nothing and, unlike no text, keeps the `.` around it valid.
            edits.replace(tokenRange, of: query.tokens, with: "{}")
            let start = query.tokens[members.lowerBound].range.lowerBound
            edits.replace(start..<start, with: answer + " ")
        } else {
            edits.replace(tokenRange, of: query.tokens, with: answer)
        }
        return edits.applied(to: query.scalars)
    }

    /// For a `SELECT *` query, each variable's place among those `text` names (first mention
    /// first), the order of its columns; nil for any other query.
    static func wildcardColumnRanks(of text: String) -> [String: Int]? {
        guard let tokens = SPARQLToken.tokens(of: Array(text.unicodeScalars)),
              var index = tokens.firstIndex(where: { $0.isKeyword("SELECT") }) else { return nil }
        index += 1
        if index < tokens.count, tokens[index].isKeyword("DISTINCT") || tokens[index].isKeyword("REDUCED") { index += 1 }
        guard index < tokens.count, tokens[index].isPunctuation("*") else { return nil }
        var ranks: [String: Int] = [:]
        for token in tokens[index...] where token.kind == .variable {
            let name = String(token.text.dropFirst())
            if ranks[name] == nil { ranks[name] = ranks.count }
        }
        return ranks
    }

    /// Whether `members` start with a triple pattern (up to its first `.`, `;` or `,`) that names
    /// one of `variables`.
    private func startsWithTriple(naming variables: Set<String>, _ members: Range<Int>) -> Bool {
        let tokens = query.tokens
        guard let first = members.first, tokens[first].kind != .word else { return false }  // GRAPH, FILTER, VALUES…
        var index = first
        while index < members.upperBound, !tokens[index].isPunctuation("."), !tokens[index].isPunctuation(";"),
              !tokens[index].isPunctuation(","), !tokens[index].isPunctuation("{") {
            if tokens[index].kind == .variable, variables.contains(String(tokens[index].text.dropFirst())) { return true }
            index = tokens.indexAfterBracketed(from: index) ?? members.upperBound
        }
        return false
    }

    /// Whether the group members of `members` join whatever their order: none is an OPTIONAL,
    /// MINUS or BIND (a FILTER constrains the whole group wherever it stands).
    func membersOnlyJoin(_ members: Range<Int>) -> Bool {
        var index = members.lowerBound
        while index < members.upperBound {
            let token = query.tokens[index]
            if token.isKeyword("OPTIONAL") || token.isKeyword("MINUS") || token.isKeyword("BIND") { return false }
            index = query.tokens.indexAfterBracketed(from: index) ?? members.upperBound
        }
        return true
    }

    /// FROM / FROM NAMED clauses before `limit`, outside brackets.
    private static func datasetClauses(in query: TokenizedQuery, before limit: Int) -> String {
        let tokens = query.tokens
        var clauses: [String] = [], index = 0
        while index < limit {
            if tokens[index].isKeyword("FROM") {
                let named = index + 1 < limit && tokens[index + 1].isKeyword("NAMED")
                let end = min(limit, index + (named ? 3 : 2))
                clauses.append(tokens.source(index..<end, in: query.scalars))
                index = end
            } else {
                index = tokens[index].opensBracket ? (tokens.indexAfterBracketed(from: index) ?? limit) : index + 1
            }
        }
        return clauses.joined(separator: " ")
    }

    /// How many brackets are open at `index`, counting from the one at `open` (1: directly in it).
    private static func depth(of index: Int, below open: Int, in tokens: [SPARQLToken]) -> Int {
        var depth = 0
        for token in tokens[open..<index] {
            if token.opensBracket { depth += 1 } else if token.closesBracket { depth -= 1 }
        }
        return depth
    }
}
