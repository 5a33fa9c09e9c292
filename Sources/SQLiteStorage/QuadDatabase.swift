import CSQLite
import Foundation
import RDFModel

/// A pattern over quads: nil positions are wildcards. `graph == nil` with `anyGraph` false means
/// the default graph only.
public struct QuadPattern {
    public var subject: RDFTerm?, predicate: RDFTerm?, object: RDFTerm?, graph: RDFTerm?

    public init(subject: RDFTerm? = nil, predicate: RDFTerm? = nil, object: RDFTerm? = nil, graph: RDFTerm? = nil) {
        (self.subject, self.predicate, self.object, self.graph) = (subject, predicate, object, graph)
    }
}

/// Quads as integer ids in SQLite, with a term dictionary and the three indexes SPARQL joins need.
///
/// Schema: `term(id, kind, lex, extra)` unique on the term; `quad(s, p, o, g)` without rowid,
/// keyed (s,p,o,g) with indexes (p,o,s,g), (o,s,p,g) and (g,p,o,s), so every triple pattern with
/// any bound position is a range scan. Graph id 0 is the default graph.
public final class QuadDatabase: @unchecked Sendable {
    public let path: String
    let connection: SQLiteConnection
    private var termIDs: [EncodedTerm: Int64] = [:]
    private var terms: [Int64: EncodedTerm] = [:]
    private let lookupTerm: SQLiteStatement
    private let insertTerm: SQLiteStatement
    private let readTerm: SQLiteStatement
    private let insertQuad: SQLiteStatement
    private let deleteQuad: SQLiteStatement
    private let beginRead: SQLiteStatement
    private let commitRead: SQLiteStatement
    private let nextGraph: SQLiteStatement
    private let readDataVersion: SQLiteStatement
    private var graphIDCache: (version: DatabaseVersion, ids: [Int64], named: Set<Int64>)?
    private var scanSizes = VersionedCache<[Int64?], Int>()
    /// `fanOut(ofPredicate:)`'s answers, kept like the scan sizes.
    var fanOuts = VersionedCache<Int64?, FanOut>()
    /// Inside `reading`'s own transaction, which sees committed data only.
    private var inReadTransaction = false
    /// The database's version as `reading`'s transaction sees it, once asked.
    private var readVersion: DatabaseVersion?
    private var patternStatements: [Int: [SQLiteStatement]] = [:]
    private var scopedStatements: [ScanShape: [SQLiteStatement]] = [:]

    /// Term caches are bounded so that a long-lived store does not grow without limit.
    static let cacheLimit = 1 << 20

    /// Opens (creating if needed) the database at `path`; ":memory:" gives a private in-memory store.
    /// An existing database in a directory this process cannot write is opened read-only
    /// (``isReadOnly``): it answers queries, and every write fails with SQLite's "readonly database".
    /// - Parameter readOnly: open read-only (true) or read-write (false) regardless of the directory.
    public init(path: String, readOnly: Bool? = nil) throws {
        self.path = path
        isReadOnly = readOnly ?? (path != ":memory:" && Self.isInReadOnlyDirectory(path))
        if isReadOnly {
            connection = try SQLiteConnection(readingOnly: path)
            try Self.checkLayout(of: connection, path: path)
        } else {
            connection = try SQLiteConnection(path: path)
            try Self.setUp(connection, path: path)
        }
        lookupTerm = try connection.prepare("SELECT id FROM term WHERE lex = ?1 AND kind = ?2 AND extra = ?3")
        insertTerm = try connection.prepare("INSERT INTO term(kind, lex, extra) VALUES (?1, ?2, ?3)")
        readTerm = try connection.prepare("SELECT kind, lex, extra FROM term WHERE id = ?1")
        insertQuad = try connection.prepare("INSERT OR IGNORE INTO quad(s, p, o, g) VALUES (?1, ?2, ?3, ?4)")
        deleteQuad = try connection.prepare("DELETE FROM quad WHERE s = ?1 AND p = ?2 AND o = ?3 AND g = ?4")
        beginRead = try connection.prepare("BEGIN DEFERRED")
        commitRead = try connection.prepare("COMMIT")
        nextGraph = try connection.prepare("SELECT g FROM quad WHERE g > ?1 ORDER BY g LIMIT 1")
        readDataVersion = try connection.prepare("PRAGMA data_version")
    }

    /// Whether this connection can only read (see ``init(path:)``).
    public let isReadOnly: Bool

    private static func isInReadOnlyDirectory(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        return FileManager.default.fileExists(atPath: path) && access(directory.isEmpty ? "." : directory, W_OK) != 0
    }

    /// WAL mode, the schema and the current layout for a database this process may write.
    private static func setUp(_ connection: SQLiteConnection, path: String) throws {
        // Processes opening a new store at once (the endpoint's workers) would race to switch it
        // to WAL and create the schema, and SQLite answers such a race with SQLITE_BUSY at once
        // instead of waiting: take turns on a lock file beside the database.
        let turn = path == ":memory:" ? nil : try SetupLock(beside: path)
        defer { turn?.release() }
        try connection.execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;
            PRAGMA cache_size=-262144; PRAGMA mmap_size=1073741824;
            CREATE TABLE IF NOT EXISTS term(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,
                lex TEXT NOT NULL, extra TEXT NOT NULL, UNIQUE(lex, kind, extra));
            CREATE TABLE IF NOT EXISTS quad(s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
                g INTEGER NOT NULL, PRIMARY KEY(s, p, o, g)) WITHOUT ROWID;
            """)
        try createSecondaryIndexes(on: connection)
        try upgradeLayout(of: connection)
    }

    // MARK: Terms

    /// The id of a term, or nil when the store has never seen it (and `create` is false).
    /// - Throws: `NULCharacterError` when a new term holds U+0000, which rasqal would cut short.
    func id(of term: RDFTerm, create: Bool) throws -> Int64? {
        let encoded = EncodedTerm(term)
        if let id = termIDs[encoded] { return id }
        lookupTerm.reset()
        lookupTerm.bind(1, encoded.lexical)
        lookupTerm.bind(2, encoded.kind)
        lookupTerm.bind(3, encoded.extra)
        var id: Int64?
        if try lookupTerm.step() { id = lookupTerm.int64(0) }
        lookupTerm.reset()
        if id == nil && create {
            // Checked once per new term: none holding NUL is ever stored, so a known one passed.
            if encoded.lexical.utf8.contains(0) || encoded.extra.utf8.contains(0) { throw NULCharacterError(term: term) }
            insertTerm.bind(1, encoded.kind)
            insertTerm.bind(2, encoded.lexical)
            insertTerm.bind(3, encoded.extra)
            try insertTerm.run()
            id = connection.lastInsertRowID
        }
        if let id {
            if termIDs.count >= Self.cacheLimit { termIDs.removeAll(keepingCapacity: true) }
            termIDs[encoded] = id
        }
        return id
    }

    /// The term with a given id.
    func term(_ id: Int64) throws -> EncodedTerm {
        if let cached = terms[id] { return cached }
        readTerm.reset()
        readTerm.bind(1, id)
        guard try readTerm.step() else { throw SQLiteError(code: 0, message: "dangling term id \(id)") }
        let encoded = EncodedTerm(kind: readTerm.int64(0), lexical: readTerm.text(1), extra: readTerm.text(2))
        readTerm.reset()
        if terms.count >= Self.cacheLimit { terms.removeAll(keepingCapacity: true) }
        terms[id] = encoded
        return encoded
    }

    // MARK: Writing

    /// Adds a quad; returns false when it was already present.
    /// - Throws: `NULCharacterError` for a term holding U+0000, which rasqal would cut short.
    @discardableResult
    public func insert(_ quad: Quad) throws -> Bool {
        try insert(try key(of: quad))
    }

    /// The term ids of a quad's positions, new terms added (graph 0: the default graph).
    func key(of quad: Quad) throws -> QuadKey {
        QuadKey(s: try id(of: quad.subject, create: true)!, p: try id(of: quad.predicate, create: true)!,
                o: try id(of: quad.object, create: true)!, g: try quad.graph.map { try id(of: $0, create: true)! } ?? 0)
    }

    /// Adds a quad by its term ids; false when it was already present.
    func insert(_ key: QuadKey) throws -> Bool {
        insertQuad.bind(1, key.s); insertQuad.bind(2, key.p); insertQuad.bind(3, key.o); insertQuad.bind(4, key.g)
        try insertQuad.run()
        return connection.changes > 0
    }

    /// Removes a quad; returns false when it was not there.
    @discardableResult
    public func remove(_ quad: Quad) throws -> Bool {
        guard let s = try id(of: quad.subject, create: false),
              let p = try id(of: quad.predicate, create: false),
              let o = try id(of: quad.object, create: false) else { return false }
        var g: Int64 = 0
        if let graph = quad.graph {
            guard let id = try id(of: graph, create: false) else { return false }
            g = id
        }
        deleteQuad.bind(1, s); deleteQuad.bind(2, p); deleteQuad.bind(3, o); deleteQuad.bind(4, g)
        try deleteQuad.run()
        return connection.changes > 0
    }

    /// Removes a whole graph (nil: the default graph); returns how many quads went.
    @discardableResult
    public func removeGraph(_ graph: RDFTerm?) throws -> Int {
        var g: Int64 = 0
        if let graph {
            guard let id = try id(of: graph, create: false) else { return 0 }
            g = id
        }
        let delete = try connection.prepare("DELETE FROM quad WHERE g = ?1")
        delete.bind(1, g)
        try delete.run()
        return connection.changes
    }

    /// The stored spelling of a language-tagged literal whose tag differs only in case (tags are
    /// case-insensitive, and rasqal lower-cases those it parses), or `term` itself.
    public func storedSpelling(of term: RDFTerm) throws -> RDFTerm {
        guard case .literal(let lexical, let language?, _) = term, try id(of: term, create: false) == nil else { return term }
        let lookup = try connection.prepare(
            "SELECT extra FROM term WHERE lex = ?1 AND kind = \(EncodedTerm.language) AND extra = ?2 COLLATE NOCASE LIMIT 1")
        lookup.bind(1, lexical)
        lookup.bind(2, language)
        return try lookup.step() ? .literal(lexical, language: lookup.text(0)) : term
    }

    /// Adds every quad of graph `source` to graph `target` (nil: the default graph) in one SQL
    /// statement; returns how many were new there.
    @discardableResult
    public func copyGraph(_ source: RDFTerm?, to target: RDFTerm?) throws -> Int {
        var from: Int64 = 0
        if let source {
            guard let id = try id(of: source, create: false) else { return 0 }
            from = id
        }
        let to = try target.map { try id(of: $0, create: true)! } ?? 0
        let copy = try connection.prepare("INSERT OR IGNORE INTO quad(s, p, o, g) SELECT s, p, o, ?2 FROM quad WHERE g = ?1")
        copy.bind(1, from)
        copy.bind(2, to)
        try copy.run()
        return connection.changes
    }

    /// Runs `body` in one SQLite transaction (nested calls join the outer one); rolls back on error.
    /// - Throws: ``ReadOnlyDatabase`` at once on a database opened read-only.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if isReadOnly { throw ReadOnlyDatabase(path: path) }
        if connection.inTransaction { return try body() }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try connection.execute("COMMIT")
            return value
        } catch {
            try? connection.execute("ROLLBACK")
            forgetRolledBackTerms()
            throw error
        }
    }

    /// Runs `body` in one read transaction, or in the transaction already open. Outside a
    /// transaction SQLite takes and releases its file locks for every statement it runs, which
    /// cost a point query more than its lookups; statements `body` leaves running go on reading
    /// after the commit (each then holds its own read transaction, as before).
    func reading<T>(_ body: () throws -> T) throws -> T {
        if connection.inTransaction { return try body() }
        try beginRead.run()
        inReadTransaction = true
        defer {
            inReadTransaction = false
            readVersion = nil
            if (try? commitRead.run()) == nil { try? connection.execute("ROLLBACK") }
        }
        return try body()
    }

    func begin() throws { try connection.execute("BEGIN IMMEDIATE") }
    func commit() throws { try connection.execute("COMMIT") }
    func rollback() throws {
        try connection.execute("ROLLBACK")
        forgetRolledBackTerms()
    }

    /// Rollbacks so far: caches of term ids outside this class start again when it changes.
    private(set) var rollbacks = 0

    /// The caches may hold ids of terms a rollback removed, which SQLite may give to new terms.
    private func forgetRolledBackTerms() {
        termIDs.removeAll()
        terms.removeAll()
        rollbacks += 1
    }

    // MARK: Reading

    /// Ids matching a pattern. `anyGraph` makes an unbound graph match every graph (the union
    /// default graph), otherwise it means the default graph. nil when a bound term is unknown.
    func cursor(_ pattern: QuadPattern, anyGraph: Bool) throws -> QuadCursor? {
        var mask = 0
        var values: [Int64] = []
        for (bit, term) in [(1, pattern.subject), (2, pattern.predicate), (4, pattern.object), (8, pattern.graph)] {
            guard let term else { continue }
            guard let id = try id(of: term, create: false) else { return nil }
            mask |= bit
            values.append(id)
        }
        if pattern.graph == nil && !anyGraph {
            mask |= 8
            values.append(0)
        }
        let statement = try patternStatement(mask)
        for (i, value) in values.enumerated() { statement.bind(Int32(i + 1), value) }
        // The cursor holds the database strongly: a weak reference would put every retain and
        // release of it on Swift's slow path (a side table) for as long as it lives.
        return QuadCursor(statement: statement) { self.recycle(statement, mask: mask) }
    }

    /// Whether any quad matches the pattern.
    public func contains(_ pattern: QuadPattern, anyGraph: Bool = true) throws -> Bool {
        guard let cursor = try cursor(pattern, anyGraph: anyGraph) else { return false }
        defer { cursor.close() }
        return try cursor.next() != nil
    }

    /// Calls `body` with each matching quad.
    public func forEach(_ pattern: QuadPattern, anyGraph: Bool = true, _ body: (Quad) throws -> Void) throws {
        guard let cursor = try cursor(pattern, anyGraph: anyGraph) else { return }
        defer { cursor.close() }
        while let ids = try cursor.next() {
            try body(Quad(try term(ids.s).term, try term(ids.p).term, try term(ids.o).term,
                          graph: ids.g == 0 ? nil : try term(ids.g).term))
        }
    }

    /// Open cursors each need their own statement (rasqal nests them in joins), so statements are
    /// pooled per access pattern rather than shared.
    private func patternStatement(_ mask: Int) throws -> SQLiteStatement {
        if let reusable = patternStatements[mask]?.popLast() { return reusable }
        let columns = [(1, "s"), (2, "p"), (4, "o"), (8, "g")].filter { mask & $0.0 != 0 }.map(\.1)
        let conditions = columns.enumerated().map { "\($0.element) = ?\($0.offset + 1)" }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try connection.prepare("SELECT s, p, o, g FROM quad" + whereClause)
    }

    private func recycle(_ statement: SQLiteStatement, mask: Int) {
        statement.reset()
        patternStatements[mask, default: []].append(statement)
    }

    // MARK: Reading for the SPARQL engine

    /// Ids of the graphs that hold at least one quad, ascending (0, the default graph, when it is
    /// not empty). One seek in the (g,p,o,s) index per graph, however large the graphs are.
    /// Every query without FROM asks for them, so what a read transaction of `reading` found is
    /// kept until the database changes; inside a write transaction, which may still roll back,
    /// the cache is neither used nor filled.
    func graphIDs() throws -> [Int64] {
        try graphs().ids
    }

    /// `graphIDs()`, and the same without the default graph as a set, found in one walk.
    func graphs() throws -> (ids: [Int64], named: Set<Int64>) {
        let version = try versionInReadTransaction()
        if let version, let cached = graphIDCache, cached.version == version { return (cached.ids, cached.named) }
        var ids: [Int64] = []
        var after: Int64 = -1
        while true {
            nextGraph.reset()
            nextGraph.bind(1, after)
            guard try nextGraph.step() else { break }
            after = nextGraph.int64(0)
            ids.append(after)
        }
        nextGraph.reset()
        let named = Set(ids.filter { $0 != 0 })
        if let version { graphIDCache = (version, ids, named) }
        return (ids, named)
    }

    /// Scans at least this long count as equally long (`scanSize(subject:predicate:object:)`).
    static let scanSizeLimit = 1 << 17

    /// How many quads (in any graph) have these ids (nil: any), counted up to `scanSizeLimit`:
    /// enough to tell which of two triple patterns scans less. Kept, like the graph list, until
    /// the database changes; a count walks one index range, at most the limit long.
    func scanSize(subject: Int64? = nil, predicate: Int64? = nil, object: Int64? = nil) throws -> Int {
        try scanSizes.value(for: [subject, predicate, object], at: try versionInReadTransaction()) {
            let (whereClause, values) = Self.whereClause(subject: subject, predicate: predicate, object: object, graphs: nil)
            let statement = try connection.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM quad\(whereClause) LIMIT \(Self.scanSizeLimit))")
            for (i, value) in values.enumerated() { statement.bind(Int32(i + 1), value) }
            _ = try statement.step()
            return Int(statement.int64(0))
        }
    }

    /// The database's version inside `reading`'s transaction, for the caches kept per version
    /// (asked once per transaction, which sees no change); nil outside it.
    func versionInReadTransaction() throws -> DatabaseVersion? {
        guard inReadTransaction else { return nil }
        if readVersion == nil { readVersion = try databaseVersion() }
        return readVersion
    }

    /// Changes whenever the database may have changed: a commit by another connection moves
    /// SQLite's `data_version`, a change made through this one its total count of changed rows.
    private func databaseVersion() throws -> DatabaseVersion {
        readDataVersion.reset()
        defer { readDataVersion.reset() }
        _ = try readDataVersion.step()
        return DatabaseVersion(others: readDataVersion.int64(0), own: connection.totalChanges)
    }

    /// The named graphs that hold at least one quad (one index seek each, see `graphIDs`).
    public func namedGraphs() throws -> [RDFTerm] {
        try graphIDs().filter { $0 != 0 }.map { try term($0).term }
    }

    /// Quads whose ids match `subject`, `predicate`, `object` (nil: any) in `graphs` (nil: every
    /// graph; empty: none, and the cursor is nil). With `adjacentTriples`, the quads of one triple
    /// in several graphs come out one after another, so that a caller merging graphs can drop
    /// repeats by comparing with the previous row.
    ///
    /// A bound subject or object picks the index (s,p,o,g) or (o,s,p,g), and a predicate the
    /// index (p,o,s,g), unless one graph is read: then the (g,p,o,s) index reads the graph's
    /// quads of the predicate, as `GRAPH ?g` asks for each graph it visits, where (p,o,s,g) would
    /// read the predicate's quads in every graph each time.
    func cursor(subject: Int64?, predicate: Int64?, object: Int64?, graphs: [Int64]?,
                adjacentTriples: Bool) throws -> QuadCursor? {
        if let graphs, graphs.isEmpty { return nil }
        let shape = ScanShape(subject: subject != nil, predicate: predicate != nil, object: object != nil, graphs: graphs,
                              adjacentTriples: adjacentTriples)
        let statement = try scopedStatements[shape]?.popLast() ?? connection.prepare(shape.sql)
        var parameter: Int32 = 0
        for id in [subject, predicate, object, graphs?.count == 1 ? graphs?[0] : nil] {
            guard let id else { continue }
            parameter += 1
            statement.bind(parameter, id)
        }
        return QuadCursor(statement: statement) { [self] in
            statement.reset()
            // Each list of FROM graphs is a statement of its own: keep a long-lived worker's few.
            if scopedStatements[shape] == nil && scopedStatements.count >= Self.scopedStatementLimit {
                scopedStatements.removeAll()
            }
            scopedStatements[shape, default: []].append(statement)
        }
    }

    /// Scan shapes whose statements are kept for reuse (`cursor`).
    static let scopedStatementLimit = 256

    /// Counts of the quads matching the ids (nil: any; `graphs` nil: every graph, or with
    /// `namedOnly` every graph but the default one) per value of the `key` position (0 subject,
    /// 1 predicate, 2 object, 3 graph; nil: one group of them all), in key order: for each of
    /// `counting` (none: just the keys), every match (nil) or the distinct values of a position. With `distinctTriples`
    /// a triple stored in several graphs counts once.
    func groupCounts(by key: Int?, counting: [Int?], subject: Int64?, predicate: Int64?, object: Int64?, graphs: [Int64]?,
                     namedOnly: Bool = false, distinctTriples: Bool) throws -> [(key: Int64?, counts: [Int])] {
        if let graphs, graphs.isEmpty { return key == nil ? [(nil, counting.map { _ in 0 })] : [] }
        let column = ["s", "p", "o", "g"]
        var (whereClause, values) = Self.whereClause(subject: subject, predicate: predicate, object: object, graphs: graphs)
        if namedOnly && graphs == nil { whereClause += whereClause.isEmpty ? " WHERE g <> 0" : " AND g <> 0" }
        // Distinct values need no distinct triples: the costly merge only where every match counts.
        let merge = distinctTriples && counting.contains { $0 == nil }
        let source = merge ? "(SELECT DISTINCT s, p, o FROM quad\(whereClause))" : "quad\(whereClause)"
        let counts = counting.map { ", " + ($0.map { "COUNT(DISTINCT \(column[$0]))" } ?? "COUNT(*)") }.joined()
        let sql = key.map { "SELECT \(column[$0])\(counts) FROM \(source) GROUP BY \(column[$0]) ORDER BY \(column[$0])" }
            ?? "SELECT 0\(counts) FROM \(source)"
        let statement = try connection.prepare(sql)
        for (i, value) in values.enumerated() { statement.bind(Int32(i + 1), value) }
        var groups: [(key: Int64?, counts: [Int])] = []
        while try statement.step() {
            groups.append((key == nil ? nil : statement.int64(0), counting.indices.map { Int(statement.int64(Int32($0 + 1))) }))
        }
        return groups
    }

    /// The WHERE clause selecting quads by ids (nil: any; `graphs` nil: every graph), with its
    /// parameters. The graph condition is kept out of index selection (`+g`) when a subject,
    /// predicate or object is bound, since the (g,p,o,s) index would scan a whole graph for a
    /// subject or an object, unless `byGraph` (one graph, a predicate, no subject) asks for it.
    static func whereClause(subject: Int64?, predicate: Int64?, object: Int64?,
                            graphs: [Int64]?, byGraph: Bool = false) -> (sql: String, values: [Int64]) {
        var conditions: [String] = []
        var values: [Int64] = []
        for (column, id) in [("s", subject), ("p", predicate), ("o", object)] {
            guard let id else { continue }
            values.append(id)
            conditions.append("\(column) = ?\(values.count)")
        }
        let bound = !values.isEmpty && !byGraph
        if let graphs, graphs.count == 1 {
            // A parameter, so that every graph `GRAPH ?g` visits shares one prepared statement.
            values.append(graphs[0])
            conditions.append((bound ? "+g = ?" : "g = ?") + "\(values.count)")
        } else if let graphs {
            conditions.append("+g IN (\(graphs.map(String.init).joined(separator: ", ")))")
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), values)
    }

    // MARK: Statistics

    /// Number of quads in the store.
    public func count() throws -> Int {
        let statement = try connection.prepare("SELECT COUNT(*) FROM quad")
        _ = try statement.step()
        return Int(statement.int64(0))
    }

    /// (term, count) rows of a grouping query whose first column is a term id.
    func groupedCounts(_ sql: String, bind: [Int64] = []) throws -> [(RDFTerm?, Int)] {
        let statement = try connection.prepare(sql)
        for (i, v) in bind.enumerated() { statement.bind(Int32(i + 1), v) }
        var rows: [(RDFTerm?, Int)] = []
        while try statement.step() {
            let id = statement.int64(0)
            rows.append((id == 0 ? nil : try term(id).term, Int(statement.int64(1))))
        }
        return rows
    }

    /// Quads per graph (nil: the default graph).
    public func graphSizes() throws -> [(graph: RDFTerm?, quads: Int)] {
        try groupedCounts("SELECT g, COUNT(*) FROM quad GROUP BY g").map { ($0.0, $0.1) }
    }

    /// Uses per predicate.
    public func predicateCounts() throws -> [(RDFTerm, Int)] {
        try groupedCounts("SELECT p, COUNT(*) FROM quad GROUP BY p").compactMap { row in row.0.map { ($0, row.1) } }
    }

    /// Instances per class (objects of rdf:type).
    public func classCounts() throws -> [(RDFTerm, Int)] {
        guard let type = try id(of: .iri(Vocabulary.rdfType), create: false) else { return [] }
        return try groupedCounts("SELECT o, COUNT(*) FROM quad WHERE p = ?1 GROUP BY o", bind: [type])
            .compactMap { row in row.0.map { ($0, row.1) } }
    }
}

/// What `QuadDatabase.databaseVersion()` compares.
struct DatabaseVersion: Equatable {
    let others: Int64
    let own: Int64
}

/// Values worked out from the database, kept while its version stays the same.
struct VersionedCache<Key: Hashable, Value> {
    private var version: DatabaseVersion?
    private var values: [Key: Value] = [:]

    /// The value for `key` at `version`, computed when not known; nil `version` (outside a read
    /// transaction, where the data may change between statements) computes it and keeps nothing.
    mutating func value(for key: Key, at version: DatabaseVersion?, _ compute: () throws -> Value) rethrows -> Value {
        guard let version else { return try compute() }
        if version != self.version { (self.version, values) = (version, [:]) }
        if let known = values[key] { return known }
        let value = try compute()
        values[key] = value
        return value
    }
}

/// A forward cursor over quad ids; `close()` hands its statement back for reuse.
final class QuadCursor {
    private let statement: SQLiteStatement
    private var onClose: (() -> Void)?

    init(statement: SQLiteStatement, onClose: @escaping () -> Void) {
        self.statement = statement
        self.onClose = onClose
    }

    func next() throws -> (s: Int64, p: Int64, o: Int64, g: Int64)? {
        guard try statement.step() else { return nil }
        return (statement.int64(0), statement.int64(1), statement.int64(2), statement.int64(3))
    }

    func close() {
        onClose?()
        onClose = nil
    }

    deinit { close() }
}

/// An exclusive `flock` on `<database>.setup-lock`, held while a connection sets the database up.
private struct SetupLock {
    private let descriptor: Int32

    init(beside databasePath: String) throws {
        descriptor = open(databasePath + ".setup-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "\(databasePath).setup-lock: \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A write to a database this process may only read (its directory is not writable).
public struct ReadOnlyDatabase: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "\((path as NSString).deletingLastPathComponent) is read-only here (its directory cannot be written): nothing was written"
    }
}
