import CRedland

/// The triples source rasqal queries through: every triple pattern becomes one indexed range scan
/// of `QuadDatabase`, with the terms already bound passed as ids. Installed once per rasqal world by
/// `RasqalTriplesSource.install(on:)`; each query names its `RasqalDataset` through
/// `rasqal_query_set_user_data`, so nothing is loaded and nothing is fetched.
enum RasqalTriplesSource {
    /// Makes our triples source the one `world` uses for every query.
    static func install(on world: OpaquePointer) {
        rasqal_set_triples_source_factory(world, { factory in
            guard let factory else { return 1 }
            factory.pointee.version = 2
            factory.pointee.user_data_size = MemoryLayout<UnsafeMutableRawPointer>.size
            factory.pointee.new_triples_source = { query, _, userData, source in
                RasqalTriplesSource.makeSource(query, userData, source)
            }
            factory.pointee.init_triples_source = { query, _, userData, source, _ in
                RasqalTriplesSource.makeSource(query, userData, source)
            }
            return 0
        }, nil)
    }

    /// Fills `source` for `query`; its user data (allocated and freed by rasqal) holds a retained
    /// reference to the query's dataset.
    fileprivate static func makeSource(_ query: OpaquePointer?, _ userData: UnsafeMutableRawPointer?,
                                       _ source: UnsafeMutablePointer<rasqal_triples_source>?) -> Int32 {
        guard let query, let userData, let source, let context = rasqal_query_get_user_data(query) else { return 1 }
        let queryDataset = Unmanaged<RasqalDataset>.fromOpaque(context).takeUnretainedValue()
        userData.storeBytes(of: Unmanaged.passRetained(queryDataset).toOpaque(), as: UnsafeMutableRawPointer.self)
        source.pointee.version = 1
        source.pointee.init_triples_match = { match, _, userData, meta, triple in
            guard let match, let meta, let triple else { return 1 }
            return RasqalTriplesMatch.start(match, RasqalTriplesSource.dataset(userData), meta, triple)
        }
        source.pointee.triple_present = { _, userData, triple in
            guard let triple else { return 0 }
            return RasqalTriplesSource.triplePresent(RasqalTriplesSource.dataset(userData), triple) ? 1 : 0
        }
        source.pointee.free_triples_source = { userData in
            guard let pointer = userData?.load(as: UnsafeMutableRawPointer.self) else { return }
            Unmanaged<RasqalDataset>.fromOpaque(pointer).release()
        }
        return 0
    }

    fileprivate static func dataset(_ userData: UnsafeMutableRawPointer?) -> RasqalDataset {
        Unmanaged<RasqalDataset>.fromOpaque(userData!.load(as: UnsafeMutableRawPointer.self)).takeUnretainedValue()
    }

    /// A pattern of constants (rasqal asks this instead of matching when no part is a variable).
    fileprivate static func triplePresent(_ dataset: RasqalDataset, _ triple: UnsafeMutablePointer<rasqal_triple>) -> Bool {
        dataset.countLookup()
        if isUnit(triple) { return unitPresent(dataset, triple) }
        let cache = dataset.cache
        if let check = dataset.placeholders.check(at: triple.pointee.subject) { return dataset.passes(check, origin: triple.pointee.origin) }
        if let path = dataset.placeholders.path(at: triple.pointee.predicate) {
            guard let s = triple.pointee.subject.flatMap(dataset.nodeID(of:)),
                  let o = triple.pointee.object.flatMap(dataset.nodeID(of:)),
                  let scope = dataset.scope(origin: triple.pointee.origin) else { return false }
            let evaluator = PropertyPathEvaluator(database: cache.database, graphs: scope.graphs)
            return ((try? evaluator.pairs(path, subject: s, object: o)) ?? []).isEmpty == false
        }
        guard let s = triple.pointee.subject.flatMap(cache.id(of:)),
              let p = triple.pointee.predicate.flatMap(cache.id(of:)),
              let o = triple.pointee.object.flatMap(cache.id(of:)),
              let scope = dataset.scope(origin: triple.pointee.origin),
              let cursor = try? cache.database.cursor(subject: s, predicate: p, object: o, graphs: scope.graphs,
                                                      adjacentTriples: false) else { return false }
        defer { cursor.close() }
        return ((try? cursor.next()) ?? nil) != nil
    }

    /// The unit triple is in the default graph and in each named graph of the dataset
    /// (`GRAPH ?g {}`, `EmptyGraphRewrite`), so in every dataset.
    static func unitPresent(_ dataset: RasqalDataset, _ triple: UnsafeMutablePointer<rasqal_triple>) -> Bool {
        dataset.scope(origin: triple.pointee.origin) != nil
    }

    /// Whether this is the unit triple `ValuesRewrite` adds, in every dataset and binding nothing.
    static func isUnit(_ triple: UnsafeMutablePointer<rasqal_triple>) -> Bool {
        constantIRI(triple.pointee.subject)?.elementsEqual(unit) ?? false
    }

    private static let unit = Array(ValuesRewrite.unit.utf8)

    /// The bytes of a triple pattern's constant IRI (raptor's, valid while the pattern is), read
    /// in place: every lookup asks whether its pattern is one the store added.
    static func constantIRI(_ literal: UnsafeMutablePointer<rasqal_literal>?) -> UnsafeBufferPointer<UInt8>? {
        guard let literal, literal.pointee.type == RASQAL_LITERAL_URI, let uri = literal.pointee.value.uri else { return nil }
        var length = 0
        guard let bytes = raptor_uri_as_counted_string(uri, &length) else { return nil }
        return UnsafeBufferPointer(start: bytes, count: length)
    }
}

/// One triple pattern being matched: a cursor over the quads that fit its constants and the
/// variables bound so far (or, for a property path, the pairs it connects), and which variables
/// each row binds.
final class RasqalTriplesMatch {
    fileprivate typealias Row = (s: Int64, p: Int64, o: Int64, g: Int64)

    private let dataset: RasqalDataset
    /// The quads to read; without one, the rows computed up front (a path's pairs, a check's
    /// verdict, the unit), from `nextComputed` on.
    private let cursor: QuadCursor?
    private let computed: [Row]
    private var nextComputed = 0
    /// Whether a row may join (rows it rules out are skipped).
    private let keeps: ((Row) -> Bool)?
    /// Drop a row whose triple equals the previous one's (the default graph merges graphs).
    private let merge: Bool
    private var current: Row?

    private init(dataset: RasqalDataset, cursor: QuadCursor?, computed: [Row], merge: Bool,
                 keeps: ((Row) -> Bool)?) {
        (self.dataset, self.cursor, self.computed, self.merge, self.keeps) = (dataset, cursor, computed, merge, keeps)
        current = nextRow()
    }

    private convenience init(dataset: RasqalDataset, cursor: QuadCursor?, merge: Bool,
                             keeps: ((Row) -> Bool)? = nil) {
        self.init(dataset: dataset, cursor: cursor, computed: [], merge: merge, keeps: keeps)
    }

    private convenience init(dataset: RasqalDataset, rows: [Row], keeps: ((Row) -> Bool)? = nil) {
        self.init(dataset: dataset, cursor: nil, computed: rows, merge: false, keeps: keeps)
    }

    /// The next row `keeps` keeps; every row read is counted in `dataset.rows`.
    private func nextRow() -> Row? {
        while let row = readRow() {
            dataset.countRow()
            if keeps?(row) ?? true { return row }
        }
        return nil
    }

    private func readRow() -> Row? {
        if let cursor { return (try? cursor.next()) ?? nil }
        guard nextComputed < computed.count else { return nil }
        defer { nextComputed += 1 }
        return computed[nextComputed]
    }

    deinit { cursor?.close() }

    /// `init_triples_match`: reads the pattern, records in `meta` the variables rows will bind, and
    /// opens the cursor. A constant the store has never seen gives an empty match, not an error.
    static func start(_ match: UnsafeMutablePointer<rasqal_triples_match>, _ dataset: RasqalDataset,
                      _ meta: UnsafeMutablePointer<rasqal_triple_meta>,
                      _ triple: UnsafeMutablePointer<rasqal_triple>) -> Int32 {
        dataset.countLookup()
        let unit = RasqalTriplesSource.isUnit(triple)
        let check = unit ? nil : dataset.placeholders.check(at: triple.pointee.subject)
        if unit || check != nil {
            // One row, binding nothing: where the unit is present, when the current solution passes a check.
            meta.pointee.bindings = (nil, nil, nil, nil)
            if let check, meta.pointee.parts.rawValue & RASQAL_TRIPLE_OBJECT.rawValue != 0,
               let variable = triple.pointee.object.flatMap(rasqal_literal_as_variable) {
                return install(bindingMatch(check, binding: variable, dataset, meta, triple), on: match)
            }
            let kept = check.map { dataset.passes($0, origin: triple.pointee.origin) } ?? RasqalTriplesSource.unitPresent(dataset, triple)
            let matcher = RasqalTriplesMatch(dataset: dataset, rows: kept ? [(0, 0, 0, 0)] : [])
            return install(matcher, on: match)
        }
        let cache = dataset.cache
        let parts = meta.pointee.parts.rawValue
        let path = dataset.placeholders.path(at: triple.pointee.predicate)
        // A path's ends may be terms the store lacks: a path of length zero still binds them.
        let nodeID = path == nil ? cache.id(of:) : dataset.nodeID(of:)
        var possible = true
        var ids: [Int64?] = []
        var variables: [UnsafeMutablePointer<rasqal_variable>?] = []
        let terms = [triple.pointee.subject, triple.pointee.predicate, triple.pointee.object]
        for (i, term) in terms.enumerated() {
            let bit = UInt32(1) << UInt32(i)
            guard let term, !(i == 1 && path != nil) else { ids.append(nil); variables.append(nil); continue }
            if let variable = rasqal_literal_as_variable(term) {
                variables.append(variable)
                if parts & bit != 0 {
                    rasqal_variable_set_value(variable, nil)  // this pattern binds it
                    // …to the left row's value, if anything, when it is on the right of a join.
                    if let fixed = dataset.fixedValue(of: variable) {
                        ids.append(fixed)
                    } else {
                        let hinted = dataset.hintedValue(variable, in: triple)
                        // The variable ranges over the store's terms: a VALUES or sub-SELECT value
                        // the store lacks is none of them, not even a path's zero-length end.
                        possible = possible && (hinted ?? 0) >= 0
                        ids.append(hinted)
                    }
                } else if let value = variable.pointee.value {
                    let id = nodeID(value)
                    possible = possible && id != nil
                    ids.append(id)
                } else {
                    ids.append(nil)
                }
            } else {
                variables.append(nil)
                let id = nodeID(term)
                possible = possible && id != nil
                ids.append(id)
            }
        }
        meta.pointee.bindings.0 = variables[0]
        meta.pointee.bindings.1 = variables[1]
        meta.pointee.bindings.2 = variables[2]

        var scope: (graphs: [Int64]?, merge: Bool)?
        var keepsNamedOnly = false
        if let origin = triple.pointee.origin, let variable = rasqal_literal_as_variable(origin), variable.pointee.value == nil {
            // A GRAPH block read in one pass (`RasqalOnePassGraphs`): this pattern binds the graph
            // from each quad, every named graph's quads in one scan. rasqal never asks for that
            // part, so the pattern claims it, and rasqal unbinds it again when the pattern is done.
            meta.pointee.bindings.3 = variable
            meta.pointee.parts = rasqal_triple_parts(meta.pointee.parts.rawValue | RASQAL_TRIPLE_ORIGIN.rawValue)
            if dataset.namedGraphsAreStoredGraphs {
                (scope, keepsNamedOnly) = ((nil, false), true)  // every graph but the default one
            } else {
                scope = (dataset.namedGraphList, false)
            }
        } else {
            meta.pointee.bindings.3 = nil
            meta.pointee.parts = rasqal_triple_parts(meta.pointee.parts.rawValue & ~RASQAL_TRIPLE_ORIGIN.rawValue)
            scope = dataset.scope(origin: triple.pointee.origin)
        }

        let objectTest = objectFilter(dataset, triple, binds: parts & RASQAL_TRIPLE_OBJECT.rawValue != 0 ? variables[2] : nil)
        let keeps: ((Row) -> Bool)? = keepsNamedOnly ? { row in row.g != 0 && objectTest?(row) != false } : objectTest
        let matcher: RasqalTriplesMatch
        if let path {
            var rows: [Row] = []
            if possible, let scope {
                // With a graph to bind, a path stays inside each graph it visits.
                let visits: [(graphs: [Int64]?, g: Int64)] = meta.pointee.bindings.3 != nil
                    ? dataset.namedGraphList.map { ([$0], $0) } : [(scope.graphs, scope.graphs?.first ?? 0)]
                for visit in visits {
                    let evaluator = PropertyPathEvaluator(database: cache.database, graphs: visit.graphs)
                    rows += ((try? evaluator.pairs(path, subject: ids[0], object: ids[2])) ?? []).map { ($0.subject, 0, $0.object, visit.g) }
                }
            }
            matcher = RasqalTriplesMatch(dataset: dataset, rows: rows, keeps: keeps)
        } else {
            var cursor: QuadCursor?
            if possible, let scope {
                cursor = (try? cache.database.cursor(subject: ids[0], predicate: ids[1], object: ids[2],
                                                      graphs: scope.graphs, adjacentTriples: scope.merge)) ?? nil
            }
            matcher = RasqalTriplesMatch(dataset: dataset, cursor: cursor, merge: scope?.merge ?? false,
                                         keeps: keeps)
        }
        return install(matcher, on: match)
    }

    /// A check's placeholder whose object is a variable it binds (rasqal takes a match binding
    /// nothing for no match): for EXISTS inside an expression, one row binding it to whether the
    /// current solution passes; for any other check, one row binding it to true when the solution
    /// passes. No row where the placeholder's graph is not in the dataset.
    private static func bindingMatch(_ check: PatternCheck, binding variable: UnsafeMutablePointer<rasqal_variable>,
                                     _ dataset: RasqalDataset, _ meta: UnsafeMutablePointer<rasqal_triple_meta>,
                                     _ triple: UnsafeMutablePointer<rasqal_triple>) -> RasqalTriplesMatch {
        rasqal_variable_set_value(variable, nil)
        meta.pointee.bindings.2 = variable
        var value: Int64?
        if dataset.scope(origin: triple.pointee.origin) != nil {
            let passes = dataset.passes(check, origin: triple.pointee.origin)
            value = check.kind == .value || passes ? dataset.booleanID(passes) : nil
        }
        return RasqalTriplesMatch(dataset: dataset, rows: value.map { [(0, 0, $0, 0)] } ?? [])
    }

    /// The test of the rows of `triple` that its group's FILTERs put on `object`, the variable it
    /// binds there (`RasqalFilterPushdown`); nil when there is none.
    private static func objectFilter(_ dataset: RasqalDataset, _ triple: UnsafeMutablePointer<rasqal_triple>,
                                     binds object: UnsafeMutablePointer<rasqal_variable>?) -> ((Row) -> Bool)? {
        guard let object, let tests = dataset.objectTests[triple]?.filter({ $0.variable == object }), !tests.isEmpty else { return nil }
        return { row in dataset.mayPass(tests, id: row.o) }
    }

    /// Makes `matcher` the state of `match`, which rasqal then drives through its callbacks.
    private static func install(_ matcher: RasqalTriplesMatch, on match: UnsafeMutablePointer<rasqal_triples_match>) -> Int32 {
        match.pointee.user_data = Unmanaged.passRetained(matcher).toOpaque()
        match.pointee.bind_match = { match, _, bindings, parts in
            guard let bindings else { return rasqal_triple_parts(0) }
            return rasqal_triple_parts(RasqalTriplesMatch.state(match).bind(bindings, parts: parts.rawValue))
        }
        match.pointee.next_match = { match, _ in RasqalTriplesMatch.state(match).advance() }
        match.pointee.is_end = { match, _ in RasqalTriplesMatch.state(match).current == nil ? 1 : 0 }
        match.pointee.finish = { match, _ in
            guard let match, let pointer = match.pointee.user_data else { return }
            match.pointee.user_data = nil
            Unmanaged<RasqalTriplesMatch>.fromOpaque(pointer).release()
        }
        return 0
    }

    fileprivate static func state(_ match: UnsafeMutablePointer<rasqal_triples_match>?) -> RasqalTriplesMatch {
        Unmanaged<RasqalTriplesMatch>.fromOpaque(match!.pointee.user_data).takeUnretainedValue()
    }

    private func advance() {
        guard let previous = current else { return }
        repeat {
            current = nextRow()
        } while merge && current.map { $0.s == previous.s && $0.p == previous.p && $0.o == previous.o } == true
    }

    /// `bind_match`: sets the variables of `parts` from the current row. A variable repeated in the
    /// pattern (`?x ?p ?x`) binds once and the row must agree with itself; 0 means it does not.
    private func bind(_ bindings: UnsafeMutablePointer<UnsafeMutablePointer<rasqal_variable>?>, parts: UInt32) -> UInt32 {
        guard let row = current else { return 0 }
        let (s, p, o, g) = (bindings[0], bindings[1], bindings[2], bindings[3])
        var bound: UInt32 = 0
        if let s, parts & RASQAL_TRIPLE_SUBJECT.rawValue != 0 {
            set(s, row.s)
            bound |= RASQAL_TRIPLE_SUBJECT.rawValue
        }
        if let p, parts & RASQAL_TRIPLE_PREDICATE.rawValue != 0 {
            if p == s {
                guard row.s == row.p else { return 0 }
            } else {
                set(p, row.p)
                bound |= RASQAL_TRIPLE_PREDICATE.rawValue
            }
        }
        if let o, parts & RASQAL_TRIPLE_OBJECT.rawValue != 0 {
            var fresh = true
            if o == s {
                guard row.s == row.o else { return 0 }
                fresh = false
            }
            if o == p && p != s {
                guard row.p == row.o else { return 0 }
                fresh = false
            }
            if fresh {
                set(o, row.o)
                bound |= RASQAL_TRIPLE_OBJECT.rawValue
            }
        }
        if let g, parts & RASQAL_TRIPLE_ORIGIN.rawValue != 0 {
            var fresh = true
            for (variable, id) in [(s, row.s), (p, row.p), (o, row.o)] where variable == g {
                guard id == row.g else { return 0 }
                fresh = false
            }
            if fresh {
                // SPARQL names graphs by IRI: a graph named by a blank node (N-Quads allows one)
                // is no named graph of the dataset, as rasqal's own GRAPH never visits it.
                guard let graph = dataset.literal(for: row.g) else { return 0 }
                guard graph.pointee.type == RASQAL_LITERAL_URI else {
                    rasqal_free_literal(graph)
                    return 0
                }
                rasqal_variable_set_value(g, graph)  // takes the reference over
                bound |= RASQAL_TRIPLE_ORIGIN.rawValue
            }
        }
        return bound
    }

    /// Binds `variable` to the term with this id.
    private func set(_ variable: UnsafeMutablePointer<rasqal_variable>, _ id: Int64) {
        rasqal_variable_set_value(variable, dataset.literal(for: id))
    }
}
