/// An EXISTS pattern of a group, answered by a check (`PatternCheck`) placed in the group (`place`).
struct ExistsPattern {
    /// `.exists` or `.notExists` for `FILTER [NOT] EXISTS`; `.value` for EXISTS inside an expression.
    let kind: PatternCheck.Kind
    /// For `.value`: the hidden variable the check binds to whether the pattern matched.
    let variable: String?
    /// The pattern `{ … }`, by scalar range.
    let pattern: Range<Int>
    /// The variables it mentions.
    let variables: Set<String>
}

extension PatternReader {
    /// After FILTER: `[NOT] EXISTS { … }`, possibly in parentheses, which is erased here and put
    /// back as a check at the end of the group. false (nothing read) for any other filter.
    mutating func readExistsFilter() throws -> Bool {
        let filterStart = tokens[index - 1].range.lowerBound
        var cursor = index
        let parenthesized = tokens[cursor].isPunctuation("(")
        if parenthesized { cursor += 1 }
        let negated = cursor < tokens.count && tokens[cursor].isKeyword("NOT")
        if negated { cursor += 1 }
        guard cursor + 1 < tokens.count, tokens[cursor].isKeyword("EXISTS"), tokens[cursor + 1].isPunctuation("{"),
              let end = tokens.indexAfterBracketed(from: cursor + 1) else { return false }
        // `FILTER(EXISTS { … } && …)` is an expression.
        if parenthesized && !(end < tokens.count && tokens[end].isPunctuation(")")) { return false }
        index = cursor + 1
        let pattern = try readExistsPattern()
        if parenthesized { index += 1 }
        edits.append((filterStart..<tokens[index - 1].range.upperBound, .erase))
        groups[groups.count - 1].filterPatterns.append(
            ExistsPattern(kind: negated ? .notExists : .exists, variable: nil, pattern: pattern, variables: variables(in: pattern)))
        return true
    }

    /// The bracketed expression at `index` (a FILTER's or a BIND's), moved past. Each `[NOT]
    /// EXISTS { … }` in it is replaced by a hidden variable (after NOT, its negation), which a
    /// check binds to whether the pattern matches; returned with the text that replaced it.
    mutating func readExpression() throws -> [(pattern: ExistsPattern, replaced: Range<Int>, text: String)] {
        guard let end = tokens.indexAfterBracketed(from: index) else { throw Unreadable() }
        var found: [(pattern: ExistsPattern, replaced: Range<Int>, text: String)] = []
        while index < end {
            guard tokens[index].isKeyword("EXISTS"), index + 1 < end, tokens[index + 1].isPunctuation("{") else {
                index += 1
                continue
            }
            let negated = tokens[index - 1].isKeyword("NOT")
            let start = tokens[negated ? index - 1 : index].range.lowerBound
            index += 1
            let pattern = try readExistsPattern()
            let variable = newHiddenVariable("exists")
            let text = negated ? "(!?\(variable))" : "?\(variable)"
            edits.append((start..<pattern.upperBound, .insert(text)))
            found.append((ExistsPattern(kind: .value, variable: variable, pattern: pattern, variables: variables(in: pattern)),
                          start..<pattern.upperBound, text))
        }
        return found
    }

    /// The text of `range` with the EXISTS inside it replaced (`readExpression`).
    func rewritten(_ range: Range<Int>, replacing values: [(pattern: ExistsPattern, replaced: Range<Int>, text: String)]) -> String {
        var text = "", copied = range.lowerBound
        for value in values {
            text += String(scalars: scalars[copied..<value.replaced.lowerBound]) + value.text
            copied = value.replaced.upperBound
        }
        return text + String(scalars: scalars[copied..<range.upperBound])
    }

    /// The group `{ … }` at `index` of an EXISTS, read (its own paths and checks are rewritten
    /// again when it is asked); its scalar range.
    private mutating func readExistsPattern() throws -> Range<Int> {
        let start = tokens[index].range.lowerBound
        _ = try readGroup()
        return start..<tokens[index - 1].range.upperBound
    }

    private func variables(in range: Range<Int>) -> Set<String> {
        Set(tokens.filter { $0.kind == .variable && range.contains($0.range.lowerBound) }.map { String($0.text.dropFirst()) })
    }

    /// `MINUS { … }`: erased, and a check of the solutions before it put in its place (after the
    /// group's leading triples, when only they come before it).
    mutating func readMinus(from start: Int) throws {
        guard isAt("{") else { throw Unreadable() }
        let patternStart = tokens[index].range.lowerBound
        let pattern = try readGroup()
        let range = start..<tokens[index - 1].range.upperBound
        edits.append((range, .erase))
        let group = groups[groups.count - 1]
        let inScope = group.leading ? group.leadingVariables : group.tripleVariables.union(group.nestedVariables)
        let shared = pattern.tripleVariables.union(pattern.nestedVariables).intersection(inScope)
        // Without a variable in common (no triple before it, say), MINUS removes nothing.
        guard !shared.isEmpty else { return }
        let check = PatternCheck(kind: .minus, prologue: prologue ?? "", pattern: scalars[patternStart..<range.upperBound],
                                 offset: patternStart, tokens: tokens, substituted: shared,
                                 triplePositions: triplePositions)
        if group.leading, let position = group.leadingEnd {
            let anchor = Self.anchor(among: shared, in: group) ?? Self.anchor(among: group.leadingVariables, in: group)
            edits.append((position..<position, .check(check, anchor: anchor)))
        } else {
            // After OPTIONAL, UNION or GRAPH: where MINUS stood, joined with each solution before it.
            edits.append((range.upperBound..<range.upperBound, .check(check, anchor: newHiddenVariable("check"))))
        }
        groups[groups.count - 1].hasChecks = true
    }

    /// EXISTS patterns of the current group as checks: its filters' when it closes, a BIND's where
    /// it stands. A check goes after the group's leading triples when, of the variables the group
    /// binds before it, the pattern reads only theirs: it is then asked once for each of their
    /// solutions. Otherwise (a variable bound by OPTIONAL, UNION, GRAPH or later triples) it
    /// goes at `position`, its placeholder's object a hidden variable of its own (a triple of
    /// constants failing once would end the basic pattern it joins), and rasqal joins it with each
    /// solution of the members before it.
    ///
    /// In an OPTIONAL's filters (`extended`), the pattern also reads the values of the solution
    /// the OPTIONAL extends, wherever the check stands in its group. Those the variables may not
    /// hold are read from the OPTIONAL's join, whose left row that solution is, when the check
    /// goes after the group's leading triples (the basic pattern the join runs first, so its
    /// join is the one running); elsewhere a query whose EXISTS reads one is refused.
    mutating func place(_ patterns: [ExistsPattern], at position: Int, extending extended: ExtendedSolution? = nil) throws {
        let group = groups[groups.count - 1]
        guard !patterns.isEmpty else { return }
        let inScope = group.tripleVariables.union(group.nestedVariables)
        for pattern in patterns {
            let outer = pattern.variables.subtracting(inScope)
            let afterLeading = pattern.variables.intersection(inScope).isSubset(of: group.leadingVariables)
            let unreadable = outer.intersection(extended?.unreadable ?? [])
            if let variable = unreadable.sorted().first, !afterLeading || !group.blockVariables.isEmpty {
                throw Refused(reason: Self.outerValueRefusal(variable))
            }
            let own = pattern.variables.intersection(afterLeading ? group.leadingVariables : inScope)
            let check = PatternCheck(kind: pattern.kind, prologue: prologue ?? "",
                                     pattern: scalars[pattern.pattern], offset: pattern.pattern.lowerBound, tokens: tokens,
                                     substituted: own.union(outer.intersection(extended?.readable ?? [])).union(unreadable),
                                     fromJoinLeftRow: unreadable, triplePositions: triplePositions)
            if afterLeading {
                let anchor = pattern.variable ?? Self.anchor(among: group.leadingVariables, in: group)
                let end = group.leadingEnd ?? group.start
                edits.append((end..<end, .check(check, anchor: anchor)))
            } else {
                edits.append((position..<position, .check(check, anchor: pattern.variable ?? newHiddenVariable("check"))))
            }
        }
        groups[groups.count - 1].hasChecks = true
    }

    /// Why a query is refused whose OPTIONAL's filter has an EXISTS reading `variable` from outside.
    private static func outerValueRefusal(_ variable: String) -> String {
        "an EXISTS in the FILTER of an OPTIONAL reads ?\(variable), which the solution the OPTIONAL extends binds by the "
            + "only member of the group before the OPTIONAL, a UNION, nested group, VALUES, BIND, subquery or GRAPH block (of "
            + "more than triple patterns), and also reads a variable the OPTIONAL binds after its first triple patterns, or "
            + "the OPTIONAL starts with a GRAPH block; the store answers such an EXISTS when it reads only the OPTIONAL's "
            + "first triple patterns, when that member is triple patterns (or a GRAPH block of them) or when two members or "
            + "more come before the OPTIONAL"
    }

    /// A variable name no query uses (`VisibleSolutions.hiddenPrefix`), for a check's placeholder.
    private mutating func newHiddenVariable(_ role: String) -> String {
        hiddenVariables += 1
        return VisibleSolutions.hiddenPrefix + role + String(hiddenVariables)
    }
}
