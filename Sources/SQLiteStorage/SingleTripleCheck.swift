import CRedland

/// A check whose pattern is one triple pattern and nothing else (no FILTER, GRAPH or path, no
/// variable twice), as in `FILTER NOT EXISTS { ?mention itsrdf:taIdentRef ?entity }`: asked by
/// one lookup in the store, where running its prepared ASK through rasqal costs about 40 µs per
/// solution checked.
struct SingleTripleCheck {
    /// The store's id of each constant of subject, predicate and object (nil: a variable).
    private let constants: [Int64?]
    /// The variable at each position (nil: a constant).
    private let variables: [String?]
    /// A constant the store does not hold: no quad can match.
    private let impossible: Bool

    /// Nil unless the prepared query's pattern is one triple pattern in groups, without GRAPH
    /// (rasqal keeps a GRAPH's name on the block, not on its triples) or a filter, whose
    /// variables are all different.
    init?(_ query: OpaquePointer, cache: RasqalTermCache, placeholders: Placeholders) {
        guard placeholders.isEmpty, let (found, graph) = RasqalGraphPatterns.soleTriple(in: rasqal_query_get_query_graph_pattern(query)),
              graph == nil, found.pointee.origin == nil else { return nil }
        let triple = found.pointee
        var constants: [Int64?] = [], variables: [String?] = [], impossible = false
        for term in [triple.subject, triple.predicate, triple.object] {
            guard let term else { return nil }
            if let variable = rasqal_literal_as_variable(term) {
                guard let name = variable.pointee.name.map({ String(cString: $0) }), !variables.contains(name) else { return nil }
                variables.append(name)
                constants.append(nil)
            } else {
                let id = cache.id(of: term)
                impossible = impossible || id == nil
                variables.append(nil)
                constants.append(id)
            }
        }
        (self.constants, self.variables, self.impossible) = (constants, variables, impossible)
    }

    /// Whether a quad of `dataset`'s default graph matches, with `values` (store ids by variable
    /// name) for some of the variables and the others free.
    func matches(with values: [String: Int64], in dataset: RasqalDataset) -> Bool {
        guard !impossible else { return false }
        let ids = (0..<3).map { constants[$0] ?? variables[$0].flatMap { values[$0] } }
        dataset.countLookup()
        guard let cursor = try? dataset.cache.database.cursor(subject: ids[0], predicate: ids[1], object: ids[2],
                                                              graphs: dataset.defaultGraphs, adjacentTriples: false)
        else { return false }
        defer { cursor.close() }
        return ((try? cursor.next()) ?? nil) != nil
    }
}
