import CRedland

/// Orders the triples of each basic pattern so that rasqal reads fewest rows.
///
/// rasqal matches a basic pattern's triples in the order written, each with the values the ones
/// before it bound. A basic pattern is a set of triples: any order has the same solutions (in
/// another order, which SPARQL leaves open without ORDER BY). The order chosen is the one whose
/// estimated rows, summed over its triples, are fewest: each triple's rows are those of the
/// triples before it times its own fan-out given what they bind (`RasqalScanEstimate`: its scan
/// alone when nothing it reads is bound, the store's quads per subject or object of its
/// predicate when one end is, one when both are). A triple a FILTER tests (`RasqalFilterPushdown`)
/// counts a tenth of its rows. `?x ?p ?o . ?x wdt:P106 wd:Q82955` on the 1M-triple store
/// scanned every quad (2.3 s); started at the 17,000 politicians it takes 26 ms. The
/// benchmark's q4 (`?s rdf:type ?t . ?t rdfs:label ?label . FILTER regex(?label, "^political",
/// "i")`) starts at the 1,505 labels, 14 of which pass, instead of the 106,680 type triples.
///
/// Orders are searched greedily from each triple (the cheapest next triple each time). The
/// written order is kept unless one costs under half of it, so that estimates close to each other
/// do not reorder what the writer ordered, and when it is estimated under `smallRun` rows.
/// Placeholders (paths and EXISTS or MINUS checks) and the unit triple stay where they are, with
/// the triples before and after each ordered on their own: a check reads the values of the
/// triples before it. A pattern on the right of a join (an OPTIONAL's among them) is ordered with
/// the variables the left row narrows it by (`RasqalJoinHints`) counted as bound: `?p wdt:P106
/// wd:Q82955 OPTIONAL { ?x wdt:P27 ?c . ?p wdt:P26 ?x }` read every citizenship for each
/// politician (minutes on the 1M-triple store) where starting at the spouse takes 8 ms.
enum RasqalPatternOrder {
    typealias Triple = UnsafeMutablePointer<rasqal_triple>
    typealias Variable = UnsafeMutablePointer<rasqal_variable>
    /// The rows a triple matches for one row of the triples before it, which bind the variables
    /// given; nil for a triple that is not a plain scan (a placeholder).
    typealias Estimate = (Triple, Set<Variable>) throws -> Double?

    /// How much of a triple's rows a FILTER on its object is taken to keep.
    static let testedShare = 0.1
    /// How much cheaper than the written order another must be estimated to replace it.
    static let requiredGain = 0.5
    /// Estimated rows under which the written order is kept without looking for another.
    static let smallRun = 256.0

    /// Reorders the basic patterns of a prepared query that gain from it and rebuilds rasqal's
    /// map of where each variable is bound. Returns whether anything moved.
    /// - Parameters:
    ///   - tested: triples with a test on their object (`RasqalFilterPushdown`).
    ///   - fixed: variables bound before the query runs (a check's values given by store id).
    @discardableResult
    static func reorder(_ query: OpaquePointer, tested: Set<Triple>, fixed: Set<Variable> = [], estimate: Estimate) throws -> Bool {
        guard let sequence = rasqal_query_get_triple_sequence(query) else { return false }
        var narrowing: RasqalJoinHints.Hints?
        var moved = false
        try RasqalGraphPatterns.visit(RASQAL_GRAPH_PATTERN_OPERATOR_BASIC, everywhereIn: rasqal_query_get_query_graph_pattern(query)) { basic in
            let triples = RasqalGraphPatterns.triples(of: basic)
            guard triples.count > 1 else { return }
            // Estimates only fall as more is bound: a pattern cheap as written with only `fixed`
            // bound keeps its order, without the join hints worked out (most queries).
            guard try cost(of: triples, after: fixed, rows: { try estimate($0, $1) ?? 1 }) > smallRun
            else { return }
            if narrowing == nil { narrowing = RasqalJoinHints.analyse(query) }
            let bound = fixed.union(triples.flatMap { narrowing?[$0] ?? [] })
            let order = try betterOrder(of: triples, after: bound, tested: tested, estimate: estimate)
            guard order != triples else { return }
            moved = permute(sequence, from: triples, to: order) || moved
        }
        guard moved else { return false }
        try RasqalGraphPatterns.remapVariables(of: query)
        return true
    }

    /// The triples in the order to match them: each run of plain scans between placeholders
    /// ordered on its own, given the variables bound before it (`bound` before the first).
    static func betterOrder(of triples: [Triple], after bound: Set<Variable>, tested: Set<Triple>,
                            estimate: Estimate) throws -> [Triple] {
        var order: [Triple] = [], run: [Triple] = [], bound = bound
        func closeRun() throws {
            order += try cheapest(run, after: bound, tested: tested, estimate: estimate)
            for triple in run { bound.formUnion(RasqalGraphPatterns.variables(of: triple, includingGraph: true)) }
            run = []
        }
        for triple in triples {
            if try estimate(triple, []) == nil {
                try closeRun()
                order.append(triple)
                bound.formUnion(RasqalGraphPatterns.variables(of: triple, includingGraph: true))
            } else {
                run.append(triple)
            }
        }
        try closeRun()
        return order
    }

    /// The rows `order` reads, summed over its triples: each triple's `rows` given the variables
    /// bound before it, times the rows before it.
    private static func cost(of order: [Triple], after bound: Set<Variable>,
                             rows: (Triple, Set<Variable>) throws -> Double) rethrows -> Double {
        var total = 0.0, rowsSoFar = 1.0, bound = bound
        for triple in order {
            rowsSoFar *= try rows(triple, bound)
            total += rowsSoFar
            bound.formUnion(RasqalGraphPatterns.variables(of: triple, includingGraph: true))
        }
        return total
    }

    /// `run` in its cheapest greedy order, or as written unless that costs under `requiredGain` of it.
    private static func cheapest(_ run: [Triple], after bound: Set<Variable>, tested: Set<Triple>, estimate: Estimate) throws -> [Triple] {
        guard run.count > 1 else { return run }
        var known: [Triple: [Set<Variable>: Double]] = [:]
        func rows(_ triple: Triple, _ bound: Set<Variable>) throws -> Double {
            if let rows = known[triple]?[bound] { return rows }
            let rows = (try estimate(triple, bound) ?? 0) * (tested.contains(triple) ? testedShare : 1)
            known[triple, default: [:]][bound] = rows
            return rows
        }
        let writtenCost = try cost(of: run, after: bound, rows: rows)
        // Any order of so few rows is quick: not worth the search.
        guard writtenCost > smallRun else { return run }
        var best = run, bestCost = writtenCost * requiredGain
        for start in run {
            var order = [start], remaining = run.filter { $0 != start }
            var boundNow = bound.union(RasqalGraphPatterns.variables(of: start, includingGraph: true))
            while !remaining.isEmpty {
                var next = 0, nextRows = Double.infinity
                for (index, triple) in remaining.enumerated() {
                    let rows = try rows(triple, boundNow)
                    if rows < nextRows { (next, nextRows) = (index, rows) }
                }
                boundNow.formUnion(RasqalGraphPatterns.variables(of: remaining[next], includingGraph: true))
                order.append(remaining.remove(at: next))
            }
            let orderCost = try cost(of: order, after: bound, rows: rows)
            if orderCost < bestCost { (best, bestCost) = (order, orderCost) }
        }
        return best
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
