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

    /// Nil unless the prepared query's pattern is a basic pattern (alone, or alone in a group)
    /// of exactly one triple, without a graph, whose variables are all different.
    init?(_ query: OpaquePointer, cache: RasqalTermCache, placeholders: Placeholders) {
        guard placeholders.isEmpty, let top = rasqal_query_get_query_graph_pattern(query) else { return nil }
        let members = RasqalGraphPatterns.members(of: top)
        let isBasic = { (pattern: OpaquePointer) in rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC }
        let isGroup = rasqal_graph_pattern_get_operator(top) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP
        // Not GRAPH, OPTIONAL or the like around it: rasqal keeps a GRAPH's name on the block, not on its triples.
        guard let basic = isBasic(top) ? top : (isGroup && members.count == 1 && isBasic(members[0]) ? members[0] : nil),
              case let triples = RasqalGraphPatterns.triples(of: basic), triples.count == 1,
              triples[0].pointee.origin == nil else { return nil }
        let triple = triples[0].pointee
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
