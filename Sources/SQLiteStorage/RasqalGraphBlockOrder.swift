import CRedland

/// Runs a `GRAPH ?g` block before the basic pattern written before it, when running the block for
/// each of that pattern's rows would read more than the block's own matches.
///
/// rasqal 0.9.33 joins a group's members left to right, running the right one again for every
/// row of the left (`RasqalJoinHints`), and its own `GRAPH ?g` visits every named graph each time.
/// Extracted posts are one graph each, so `?e a dbo:Person . GRAPH ?post { ?m itsrdf:taIdentRef
/// ?e }` visited 312 graphs (300 posts) for each of 15,061 people (12 s); run first, the block finds its
/// 303 mentions once and each entity is looked up as a person. Join(A, B) and Join(B, A) have
/// the same solutions.
///
/// Only the first two members of a group (filters aside) are swapped: a basic pattern A, then a
/// GRAPH block with a variable name holding one basic pattern B (and filters). They swap when
/// B's matches in all graphs, read once and then looked up in A, cost less than A's rows each
/// running the block: 2 × rows(B) < rows(A) × graphs, where graphs is 1 for a block read in one
/// pass (`RasqalOnePassGraphs`), from the first triple of each (`RasqalScanEstimate`). A group whose members are narrowed from outside (on the right of a
/// join or inside an OPTIONAL) is left as written.
enum RasqalGraphBlockOrder {
    typealias Triple = UnsafeMutablePointer<rasqal_triple>

    /// Swaps such members in the groups of a prepared query and rebuilds rasqal's map of where
    /// each variable is bound. Returns whether anything moved.
    /// - Parameters:
    ///   - graphs: how many times a `GRAPH ?g` block reads its pattern for each row (once when it
    ///     is read in one pass, `RasqalOnePassGraphs`; else once per named graph); asked only
    ///     when a group has such a pair of members, so that other queries pay nothing for it.
    ///   - rows: the quads a triple matches alone; nil when that cannot be told.
    @discardableResult
    static func reorder(_ query: OpaquePointer, graphs: (UnsafeMutablePointer<rasqal_variable>) throws -> Int,
                        rows: (Triple) throws -> Int?) throws -> Bool {
        try RasqalGraphPatterns.swapLeadingMembers(of: query) { left, right, hinted in
            guard rasqal_graph_pattern_get_operator(left) == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC,
                  let (block, graph) = graphBlock(right) else { return false }
            let leftTriples = RasqalGraphPatterns.triples(of: left), rightTriples = RasqalGraphPatterns.triples(of: block)
            // A graph variable the pattern binds would be a value the block is given, not one it visits.
            guard !leftTriples.contains(where: { RasqalGraphPatterns.variables(of: $0).contains(graph) }) else { return false }
            guard let leftFirst = leftTriples.first, let rightFirst = rightTriples.first, hinted().isDisjoint(with: leftTriples),
                  let leftRows = try rows(leftFirst), let rightRows = try rows(rightFirst) else { return false }
            return try 2 * rightRows < leftRows * graphs(graph)
        }
    }

    /// The basic pattern of a `GRAPH ?g` block holding only it and filters, and `?g`.
    private static func graphBlock(_ pattern: OpaquePointer) -> (OpaquePointer, UnsafeMutablePointer<rasqal_variable>)? {
        guard let variable = RasqalGraphPatterns.graphVariable(of: pattern), let basic = RasqalGraphPatterns.joinedBasic(pattern) else {
            return nil
        }
        return (basic, variable)
    }
}
