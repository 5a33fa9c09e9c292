/// `GRAPH ?g { … }` whose pattern uses ?g itself answered as SPARQL 1.1 says: the pattern is
/// evaluated on its own in each graph, and its solutions join with ?g bound to the graph's name.
/// rasqal 0.9.33 evaluates the pattern with ?g already bound, so `GRAPH ?g { FILTER(BOUND(?g)) }`
/// kept every graph, `OPTIONAL { ?s ?p ?g }` inside matched only objects equal to the graph's
/// name and kept the rows where it did not, and `VALUES (?g ?t) { (UNDEF "foo") … }` lost the
/// UNDEF row's ?t. Inside the block, ?g becomes a hidden variable (`VisibleSolutions.hiddenPrefix`),
/// and a FILTER after the block keeps the solutions where that is unbound or the graph's name:
///
///     GRAPH ?g { ?s ?p ?o OPTIONAL { ?s ?p ?g } }
///
/// becomes `GRAPH ?g { ?s ?p ?o OPTIONAL { ?s ?p ?__coatt_graph1 } } FILTER(!BOUND(?__coatt_graph1)
/// || sameTerm(?__coatt_graph1, ?g))`. A sub-SELECT inside that does not project ?g has a ?g of
/// its own, which gets a hidden name of its own and no FILTER. The rewrite also lets such a block
/// be read in one pass (`RasqalOnePassGraphs`), where ?g may appear inside only as the graph.
enum GraphVariableScopeRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        var blocks = 0
        var index = 0
        while index + 2 < tokens.count {
            defer { index += 1 }
            guard tokens[index].isKeyword("GRAPH"), tokens[index + 1].kind == .variable, tokens[index + 2].isPunctuation("{"),
                  let end = tokens.indexAfterBracketed(from: index + 2) else { continue }
            let graph = tokens[index + 1].text.dropFirst()
            let hiding = subqueriesHiding(graph, in: tokens, within: (index + 3)..<(end - 1))
            let uses = ((index + 3)..<(end - 1)).filter { tokens[$0].kind == .variable && tokens[$0].text.dropFirst() == graph }
            guard !uses.isEmpty else { continue }
            blocks += 1
            let inner = "?\(VisibleSolutions.hiddenPrefix)graph\(blocks)", outer = "?" + graph
            // A sub-SELECT's own ?g gets a name of its own: rasqal would share it with the graph's.
            let isOwn = { (use: Int) in hiding.contains { $0.contains(use) } }
            let joined = uses.filter { !isOwn($0) }
            for use in uses { edits.replace(use..<(use + 1), of: tokens, with: isOwn(use) ? inner + "_own" : inner) }
            if !joined.isEmpty {
                let after = tokens[end - 1].range.upperBound
                edits.replace(after..<after, with: " FILTER(!BOUND(\(inner)) || sameTerm(\(inner), \(outer)))")
            }
            index = end - 1  // the block's inner GRAPH ?g blocks are renamed with it
        }
        return edits
    }

    /// The token ranges of the sub-SELECTs in `range` that do not project `variable`: inside one,
    /// the variable is another of the same name.
    private static func subqueriesHiding(_ variable: Substring, in tokens: [SPARQLToken], within range: Range<Int>) -> [Range<Int>] {
        range.compactMap { select -> Range<Int>? in
            guard tokens[select].isKeyword("SELECT"), select > range.lowerBound, tokens[select - 1].isPunctuation("{"),
                  let end = tokens.indexAfterBracketed(from: select - 1),
                  let projection = tokens.subSelectProjection(at: select, before: end - 1) else { return nil }
            return projection.wildcard || projection.variables.contains(variable) ? nil : select..<end
        }
    }
}
