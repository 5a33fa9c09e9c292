/// Finds the pairs of nodes a property path connects in some graphs of the store (SPARQL 1.1
/// §18.4): sequences and alternatives keep every way a pair is reached, as the algebra's joins
/// and unions do; `?`, `*` and `+` give each pair once. Ends that are known are passed in, so that
/// the walk starts from them rather than from every node.
///
/// Node ids may be negative: a term of the query that the store does not hold, which a path of
/// length zero still connects to itself.
final class PropertyPathEvaluator {
    typealias Pair = (subject: Int64, object: Int64)

    private let database: QuadDatabase
    /// The graphs read, merged (nil: every graph of the store).
    private let graphs: [Int64]?
    private var predicateIDs: [String: Int64?] = [:]
    private lazy var everyNode: [Int64] = (try? allNodes()) ?? []

    init(database: QuadDatabase, graphs: [Int64]?) {
        self.database = database
        self.graphs = graphs
    }

    /// The pairs `path` connects, with `subject` and `object` as given when known.
    func pairs(_ path: PropertyPath, subject: Int64?, object: Int64?) throws -> [Pair] {
        switch path {
        case .link(let iri):
            guard let predicate = try predicateID(iri) else { return [] }
            return try triples(subject: subject, predicate: predicate, object: object).map { ($0.s, $0.o) }
        case .inverse(let inner):
            return try pairs(inner, subject: object, object: subject).map { ($0.object, $0.subject) }
        case .sequence(let steps):
            return try sequence(steps[...], subject: subject, object: object)
        case .alternative(let branches):
            return try branches.flatMap { try pairs($0, subject: subject, object: object) }
        case .zeroOrOne(let inner):
            return try repeated(inner, subject: subject, object: object, zeroSteps: true, manySteps: false)
        case .zeroOrMore(let inner):
            return try repeated(inner, subject: subject, object: object, zeroSteps: true, manySteps: true)
        case .oneOrMore(let inner):
            return try repeated(inner, subject: subject, object: object, zeroSteps: false, manySteps: true)
        case .negated(let forward, let inverse):
            var found: [Pair] = []
            if !forward.isEmpty {
                let excluded = Set(try forward.compactMap(predicateID))
                found += try triples(subject: subject, predicate: nil, object: object)
                    .filter { !excluded.contains($0.p) }.map { ($0.s, $0.o) }
            }
            if !inverse.isEmpty {
                let excluded = Set(try inverse.compactMap(predicateID))
                found += try triples(subject: object, predicate: nil, object: subject)
                    .filter { !excluded.contains($0.p) }.map { ($0.o, $0.s) }
            }
            return found
        }
    }

    /// A sequence walked from the end that is known (from the subject when neither is), each
    /// middle node's continuation looked up once.
    private func sequence(_ steps: ArraySlice<PropertyPath>, subject: Int64?, object: Int64?) throws -> [Pair] {
        guard steps.count > 1, let first = steps.first else {
            return try pairs(steps.first!, subject: subject, object: object)
        }
        var found: [Pair] = []
        if subject == nil, let object {
            var heads: [Int64: [Pair]] = [:]
            for (middle, end) in try sequence(steps.dropFirst(), subject: nil, object: object) {
                if heads[middle] == nil { heads[middle] = try pairs(first, subject: nil, object: middle) }
                found += heads[middle]!.map { ($0.subject, end) }
            }
            return found
        }
        var tails: [Int64: [Pair]] = [:]
        for (start, middle) in try pairs(first, subject: subject, object: nil) {
            if tails[middle] == nil { tails[middle] = try sequence(steps.dropFirst(), subject: middle, object: object) }
            found += tails[middle]!.map { (start, $0.object) }
        }
        return found
    }

    /// `path?`, `path*` or `path+`: the distinct pairs joined by `path` repeated (zero times when
    /// `zeroSteps`, more than once when `manySteps`).
    private func repeated(_ path: PropertyPath, subject: Int64?, object: Int64?, zeroSteps: Bool, manySteps: Bool) throws -> [Pair] {
        switch (subject, object) {
        case let (subject?, object?):
            if zeroSteps && subject == object { return [(subject, object)] }
            let reached = try walk(path, from: subject, forward: true, manySteps: manySteps)
            return reached.contains(object) ? [(subject, object)] : []
        case let (subject?, nil):
            return try ends(path, from: subject, forward: true, zeroSteps: zeroSteps, manySteps: manySteps).map { (subject, $0) }
        case let (nil, object?):
            return try ends(path, from: object, forward: false, zeroSteps: zeroSteps, manySteps: manySteps).map { ($0, object) }
        case (nil, nil):
            let starts: [Int64]
            if zeroSteps {
                starts = everyNode
            } else {
                var seen = Set<Int64>()
                starts = try pairs(path, subject: nil, object: nil).map(\.subject).filter { seen.insert($0).inserted }
            }
            return try starts.flatMap { start in
                try ends(path, from: start, forward: true, zeroSteps: zeroSteps, manySteps: manySteps).map { (start, $0) }
            }
        }
    }

    /// The nodes reached from `start`, each once, `start` first when zero steps count.
    private func ends(_ path: PropertyPath, from start: Int64, forward: Bool, zeroSteps: Bool, manySteps: Bool) throws -> [Int64] {
        let reached = try walk(path, from: start, forward: forward, manySteps: manySteps)
        return zeroSteps ? [start] + reached.filter { $0 != start } : reached
    }

    /// The nodes one or more steps of `path` away from `start` (one step only unless `manySteps`),
    /// each once, in the order first reached.
    private func walk(_ path: PropertyPath, from start: Int64, forward: Bool, manySteps: Bool) throws -> [Int64] {
        var reached: [Int64] = [], seen = Set<Int64>(), next = 0, frontier = [start]
        while next < frontier.count {
            let node = frontier[next]
            next += 1
            let steps = forward ? try pairs(path, subject: node, object: nil).map(\.object)
                                : try pairs(path, subject: nil, object: node).map(\.subject)
            for end in steps where seen.insert(end).inserted {
                reached.append(end)
                if manySteps { frontier.append(end) }
            }
        }
        return reached
    }

    /// The triples of the graphs read that fit the known positions, each once.
    private func triples(subject: Int64?, predicate: Int64?, object: Int64?) throws -> [(s: Int64, p: Int64, o: Int64)] {
        if (subject ?? 0) < 0 || (object ?? 0) < 0 { return [] }
        let merged = graphs == nil || graphs!.count > 1
        guard let cursor = try database.cursor(subject: subject, predicate: predicate, object: object, graphs: graphs,
                                               adjacentTriples: merged) else { return [] }
        defer { cursor.close() }
        var found: [(s: Int64, p: Int64, o: Int64)] = []
        while let row = try cursor.next() {
            // In a merge the same triple from several graphs comes out in adjacent rows.
            if merged, let last = found.last, last == (row.s, row.p, row.o) { continue }
            found.append((row.s, row.p, row.o))
        }
        return found
    }

    /// Every subject and object of the graphs read: the nodes a path of length zero joins to themselves.
    private func allNodes() throws -> [Int64] {
        var nodes = Set<Int64>()
        for triple in try triples(subject: nil, predicate: nil, object: nil) {
            nodes.insert(triple.s)
            nodes.insert(triple.o)
        }
        return nodes.sorted()
    }

    private func predicateID(_ iri: String) throws -> Int64? {
        if let known = predicateIDs[iri] { return known }
        let id = try database.id(of: .iri(iri), create: false)
        predicateIDs[iri] = id
        return id
    }
}
