import CRedland

/// Starts a basic pattern at a triple a FILTER tests, when that triple scans fewer quads than
/// the one written first.
///
/// rasqal matches a basic pattern's triples in the order written, each with the values the
/// ones before it bound, and `RasqalFilterPushdown` drops a tested triple's matches only where
/// the triple binds the tested variable. The benchmark's q4 (`?s rdf:type ?t . ?t rdfs:label
/// ?label . FILTER regex(?label, "^political", "i")`) starts at 106,680 type triples and looks up
/// their type's label for each; started at the 1,505 labels, 14 pass and only their instances
/// are looked up. A basic pattern is a set of triples: any order has the same solutions (in
/// another order, which SPARQL leaves open without ORDER BY).
///
/// Scan sizes are only compared between triples whose subject and object are both variables
/// (a constant there is taken as selective enough to stay first). After the tested triple the
/// others keep their written order, except that each next one shares a variable with those
/// before it where one can, so that no triple is scanned whole for every row. Patterns on the right
/// of a join or inside an OPTIONAL are left as written: the left side's values (`RasqalJoinHints`)
/// narrow them, which scan sizes do not tell.
enum RasqalPatternOrder {
    typealias Triple = UnsafeMutablePointer<rasqal_triple>

    /// Reorders the basic patterns of a prepared query that gain from it and rebuilds rasqal's
    /// map of where each variable is bound. Returns whether anything moved.
    /// - Parameters:
    ///   - tested: triples with a test on their object (`RasqalFilterPushdown`).
    ///   - scanSize: the quads a triple would scan alone; nil when it is not a plain scan of
    ///     variables (a constant subject or object, a placeholder).
    @discardableResult
    static func reorder(_ query: OpaquePointer, tested: Set<Triple>, scanSize: (Triple) throws -> Int?) throws -> Bool {
        guard !tested.isEmpty, let sequence = rasqal_query_get_triple_sequence(query) else { return false }
        let hinted = Set(RasqalJoinHints.analyse(query).keys)
        var moved = false
        try RasqalGraphPatterns.visit(RASQAL_GRAPH_PATTERN_OPERATOR_BASIC, outsideOptionalsOf: rasqal_query_get_query_graph_pattern(query)) { basic in
            let triples = RasqalGraphPatterns.triples(of: basic)
            guard hinted.isDisjoint(with: triples), let order = try betterOrder(of: triples, tested: tested, scanSize: scanSize) else { return }
            moved = permute(sequence, from: triples, to: order) || moved
        }
        guard moved else { return false }
        try RasqalGraphPatterns.remapVariables(of: query)
        return true
    }

    /// The order starting at the tested triple that scans least, if it scans less than the first.
    static func betterOrder(of triples: [Triple], tested: Set<Triple>, scanSize: (Triple) throws -> Int?) rethrows -> [Triple]? {
        guard triples.count > 1, triples.dropFirst().contains(where: tested.contains), let firstSize = try scanSize(triples[0]) else {
            return nil
        }
        let candidates = try triples.dropFirst().filter(tested.contains).compactMap { triple in try scanSize(triple).map { (triple, $0) } }
        guard let (start, size) = candidates.min(by: { $0.1 < $1.1 }), size < firstSize else { return nil }
        var order = [start]
        var remaining = triples.filter { $0 != start }
        var bound = Set(RasqalGraphPatterns.variables(of: start, includingGraph: true))
        while !remaining.isEmpty {
            let next = remaining.firstIndex { !bound.isDisjoint(with: RasqalGraphPatterns.variables(of: $0, includingGraph: true)) } ?? 0
            bound.formUnion(RasqalGraphPatterns.variables(of: remaining[next], includingGraph: true))
            order.append(remaining.remove(at: next))
        }
        return order
    }

    /// Puts `order` where `triples` are, consecutive in the query's triple sequence (rasqal's
    /// basic patterns are ranges of it); false, moving nothing, if they are not found there.
    private static func permute(_ sequence: OpaquePointer, from triples: [Triple], to order: [Triple]) -> Bool {
        var start: Int32 = 0
        while let item = raptor_sequence_get_at(sequence, start), item != UnsafeMutableRawPointer(triples[0]) { start += 1 }
        let positions = start..<(start + Int32(triples.count))
        guard positions.allSatisfy({ raptor_sequence_get_at(sequence, $0) == UnsafeMutableRawPointer(triples[Int($0 - start)]) }) else {
            return false
        }
        for (offset, triple) in order.enumerated() {
            let target = start + Int32(offset)
            guard let current = positions.first(where: { raptor_sequence_get_at(sequence, $0) == UnsafeMutableRawPointer(triple) }) else {
                return false
            }
            RasqalGraphPatterns.swapItems(of: sequence, Int(target), Int(current))
        }
        return true
    }
}
