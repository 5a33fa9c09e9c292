import RDFModel

/// An EXISTS or a MINUS of a query, which rasqal 0.9.33 cannot run: the query rasqal is given has
/// a placeholder triple in its place (`QueryRewrite`), which the triples source answers by asking
/// the pattern with the values of the current solution put in.
///
/// The placeholder sits in the same basic pattern as the triples before it, so rasqal evaluates it
/// once per combination of their values and those values are set when it does. A class: it is
/// handed to every lookup of its placeholder, one reference instead of a copy of its fields.
final class PatternCheck {
    enum Kind {
        /// `FILTER EXISTS`: keep the solution when the pattern, with its values, matches.
        case exists
        /// `FILTER NOT EXISTS`: keep it when the pattern does not match.
        case notExists
        /// `MINUS`: drop it when a solution of the pattern, evaluated on its own, is compatible
        /// with it and shares a variable with it (SPARQL 1.1 §8.3).
        case minus
        /// EXISTS inside an expression: keep every solution, binding the placeholder's variable
        /// to whether the pattern matched.
        case value
    }

    let kind: Kind
    /// The query's PREFIX and BASE declarations.
    let prologue: String
    /// The pattern `{ … }` as written.
    let pattern: [Unicode.Scalar]
    /// Whether the pattern has a GRAPH clause.
    let readsNamedGraphs: Bool
    /// The pattern as a SELECT of those variables (MINUS's pattern, evaluated on its own); it also
    /// names the check in per-query caches.
    let select: String
    /// Whether every occurrence of those variables is a subject, predicate or object of a triple
    /// pattern (none in a FILTER or BIND), so that binding them by store id is the same as writing
    /// their values in.
    let valuesOnlyInTriples: Bool
    /// The variables whose values are put into the pattern (for MINUS: compared with its
    /// solutions), in order of name, and where each occurs in it.
    let substituted: [(name: String, ranges: [Range<Int>])]
    /// Those of them whose values are read from the left row of the join running the check (an
    /// OPTIONAL's, for its FILTER), not from the variables, where they may belong to another row.
    let fromJoinLeftRow: Set<String>
    /// For an EXISTS pattern `{ GRAPH ?g { P } }` whose ?g has its value from the solution and
    /// appears nowhere in P, whose other values go only into triples: ?g, and P as the ASK to
    /// prepare once and ask in the graph each solution names (`RasqalEngine.answer`).
    let graphScoped: (variable: String, ask: String)?

    /// - Parameters:
    ///   - pattern: the pattern's text, found at `offset` in the query whose `tokens` are given.
    ///   - substituted: the variables bound by the triples before the check.
    ///   - fromJoinLeftRow: those of them read from the left row of the join running the check.
    ///   - triplePositions: where the query's triple patterns have variables.
    init(kind: Kind, prologue: String, pattern: ArraySlice<Unicode.Scalar>, offset: Int, tokens: [SPARQLToken],
         substituted: Set<String>, fromJoinLeftRow: Set<String> = [], triplePositions: Set<Int>) {
        self.kind = kind
        self.fromJoinLeftRow = fromJoinLeftRow
        self.prologue = prologue
        self.pattern = Array(pattern)
        let end = offset + pattern.count
        readsNamedGraphs = tokens.contains { $0.isKeyword("GRAPH") && $0.range.lowerBound >= offset && $0.range.upperBound <= end }
        let inner = tokens.indices.filter { tokens[$0].range.lowerBound >= offset && tokens[$0].range.upperBound <= end }
        let graphBlock = kind == .minus ? nil : Self.graphBlock(in: inner, of: tokens, bound: substituted)
        var ranges: [String: [Range<Int>]] = [:], onlyInTriples = kind != .minus, graphOnlyOutsideP = graphBlock != nil
        for index in inner where tokens[index].kind == .variable {
            let token = tokens[index], name = String(token.text.dropFirst())
            guard substituted.contains(name) else { continue }
            ranges[name, default: []].append((token.range.lowerBound - offset)..<(token.range.upperBound - offset))
            if let graphBlock, name == graphBlock.variable {
                graphOnlyOutsideP = graphOnlyOutsideP && index == graphBlock.variableIndex
            } else {
                onlyInTriples = onlyInTriples && triplePositions.contains(token.range.lowerBound)
            }
        }
        valuesOnlyInTriples = onlyInTriples && graphBlock == nil
        self.substituted = ranges.keys.sorted().map { ($0, ranges[$0]!) }
        if let graphBlock, graphOnlyOutsideP, onlyInTriples {
            let body = tokens[graphBlock.body.lowerBound].range.lowerBound..<tokens[graphBlock.body.upperBound - 1].range.upperBound
            graphScoped = (graphBlock.variable, prologue + "ASK " + String(scalars: self.pattern[(body.lowerBound - offset)..<(body.upperBound - offset)]))
        } else {
            graphScoped = nil
        }
        select = prologue + "SELECT " + ranges.keys.sorted().map { "?" + $0 }.joined(separator: " ") + " WHERE "
            + String(scalars: pattern)
    }

    /// The `GRAPH ?v { … }` of a pattern `{ GRAPH ?v { … } }` whose ?v is `bound`: ?v, the index
    /// of its token, and the token indices of the block's braces and what they hold.
    private static func graphBlock(in pattern: [Int], of tokens: [SPARQLToken], bound: Set<String>)
        -> (variable: String, variableIndex: Int, body: Range<Int>)? {
        guard pattern.count >= 6, let first = pattern.first, let last = pattern.last, tokens[first].isPunctuation("{"),
              tokens[first + 1].isKeyword("GRAPH"), tokens[first + 2].kind == .variable, tokens[first + 3].isPunctuation("{"),
              tokens.indexAfterBracketed(from: first + 3) == last, tokens[last].isPunctuation("}") else { return nil }
        let variable = String(tokens[first + 2].text.dropFirst())
        return bound.contains(variable) ? (variable, first + 2, (first + 3)..<last) : nil
    }

    /// Whether a solution is kept, given whether the pattern matched with its values (for
    /// `.value`: the value bound).
    func keeps(matched: Bool) -> Bool { kind == .notExists ? !matched : matched }

    /// The pattern as an ASK with `values` (by variable name) written in place of its variables;
    /// a variable whose value cannot be written (a blank node) stays, for the caller to bind.
    func ask(with values: [String: RDFTerm]) -> String {
        var edits: [(Range<Int>, String)] = []
        for (name, ranges) in substituted {
            guard let value = values[name], let text = Self.sparql(value) else { continue }
            edits += ranges.map { ($0, text) }
        }
        var text = prologue + "ASK ", copied = 0
        for (range, value) in edits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            text += String(scalars: pattern[copied..<range.lowerBound]) + value
            copied = range.upperBound
        }
        return text + String(scalars: pattern[copied...])
    }


    /// The solutions of MINUS's pattern, as the values of the shared variables (nil: unbound),
    /// indexed for the comparison with each solution MINUS is applied to.
    struct MinusSolutions {
        /// Solutions binding every shared variable: compatible means equal.
        private var complete = Set<[TermKey?]>()
        /// The others, compared one by one.
        private var partial: [[TermKey?]] = []

        init(_ solutions: some Sequence<[TermKey?]>) {
            for solution in solutions {
                if solution.contains(where: { $0 == nil }) { partial.append(solution) } else { complete.insert(solution) }
            }
        }

        /// Whether MINUS drops a solution with `values` (in the order of `substituted`): some
        /// solution of the pattern is compatible with it and binds a variable it binds too.
        func remove(_ values: [TermKey?]) -> Bool {
            if !values.contains(where: { $0 == nil }) {
                return complete.contains(values) || partial.contains { Self.compatibleAndSharing($0, values) }
            }
            return complete.contains { Self.compatibleAndSharing($0, values) } || partial.contains { Self.compatibleAndSharing($0, values) }
        }

        private static func compatibleAndSharing(_ solution: [TermKey?], _ values: [TermKey?]) -> Bool {
            var shares = false
            for (theirs, ours) in zip(solution, values) {
                guard let theirs, let ours else { continue }
                guard theirs == ours else { return false }
                shares = true
            }
            return shares
        }
    }

    /// A term as SPARQL text; nil for a blank node, which a query cannot name.
    private static func sparql(_ term: RDFTerm) -> String? {
        switch term {
        case .blank: return nil
        case .literal(let lexical, nil, Vocabulary.xsdString?): return RDFTerm.literal(lexical).ntriples + "^^<\(Vocabulary.xsdString)>"
        default: return term.ntriples
        }
    }
}
