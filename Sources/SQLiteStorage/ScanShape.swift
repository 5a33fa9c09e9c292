/// What decides the SQL of a scan over quads (`QuadDatabase.cursor`): which of subject, predicate
/// and object are bound, which graphs it reads, and whether it keeps a triple's quads together.
/// Scans of one shape share prepared statements, so the SQL is written once per shape, not per
/// lookup; the ids are its parameters, in the order subject, predicate, object, graph.
struct ScanShape: Hashable {
    /// Every graph, one graph (a parameter, shared by every graph `GRAPH ?g` visits), or a list
    /// written into the SQL (a query's FROM graphs).
    enum Graphs: Hashable {
        case all, one, list([Int64])
    }

    let subject: Bool, predicate: Bool, object: Bool
    let graphs: Graphs
    let ordered: Bool
    /// One graph's quads of a predicate, read through the (g,p,o,s) index, as `GRAPH ?g` asks
    /// for each graph it visits, where the (p,o,s,g) index would read the predicate's quads in
    /// every graph each time. A bound subject is more selective (`QuadDatabase.whereClause`).
    var byGraph: Bool { graphs == .one && predicate && !subject }

    /// - Parameter adjacentTriples: the quads of one triple come out one after another (only
    ///   needs an order when more than one graph is read).
    init(subject: Bool, predicate: Bool, object: Bool, graphs: [Int64]?, adjacentTriples: Bool) {
        (self.subject, self.predicate, self.object) = (subject, predicate, object)
        switch graphs?.count {
        case nil: self.graphs = .all
        case 1: self.graphs = .one
        default: self.graphs = .list(graphs!)
        }
        ordered = adjacentTriples && self.graphs != .one
    }

    var sql: String {
        let graphIDs: [Int64]? = switch graphs {
        case .all: nil
        case .one: [0]  // stands for the parameter
        case .list(let ids): ids
        }
        let (whereClause, _) = QuadDatabase.whereClause(subject: subject ? 0 : nil, predicate: predicate ? 0 : nil,
                                                        object: object ? 0 : nil, graphs: graphIDs, byGraph: byGraph)
        guard ordered else { return "SELECT s, p, o, g FROM quad" + whereClause }
        // The order of the index each access pattern uses, so SQLite does not sort.
        let order = switch (subject, predicate, object) {
        case (false, false, false): "s, p, o"
        case (true, false, false): "p, o"
        case (true, true, false): "o"
        case (false, true, false): "o, s"
        case (false, true, true): "s"
        case (false, false, true): "s, p"
        case (true, false, true): "p"
        case (true, true, true): ""
        }
        return "SELECT s, p, o, g FROM quad" + whereClause + (order.isEmpty ? "" : " ORDER BY " + order)
    }
}
