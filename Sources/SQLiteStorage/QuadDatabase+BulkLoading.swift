import RDFModel

/// A quad as the term ids of its positions, ordered as the quad table's primary key (s, p, o, g).
struct QuadKey: Comparable {
    let s, p, o, g: Int64

    static func < (a: QuadKey, b: QuadKey) -> Bool { (a.s, a.p, a.o, a.g) < (b.s, b.p, b.o, b.g) }
}

extension QuadDatabase {
    /// The quad table's indexes beside its primary key (s, p, o, g): name and columns.
    static let secondaryIndexes = [("quad_pos", "p, o, s, g"), ("quad_osp", "o, s, p, g"), ("quad_gpos", "g, p, o, s")]

    /// Creates the indexes a store lacks. Stores written before 2026-11-27 had (g,s,p,o) where
    /// (g,p,o,s) is now: a pattern over one graph with a bound subject reads the (s,p,o,g) key
    /// (`cursor`), so that index served only scans of whole graphs, which the new one serves as
    /// well, and it goes.
    static func createSecondaryIndexes(on connection: SQLiteConnection) throws {
        for (name, columns) in secondaryIndexes {
            try connection.execute("CREATE INDEX IF NOT EXISTS \(name) ON quad(\(columns))")
        }
        try connection.execute("DROP INDEX IF EXISTS quad_gspo")
    }

    /// Adds every quad `produce` hands to `add`, in one transaction (or the one already open);
    /// returns how many were new. On any error none of them stays.
    ///
    /// The quads go into the primary key in its order, `sortedBatch` at a time, where one by one
    /// they would land at random places of its B-tree (a file's subjects come in no order): the
    /// million-triple file loads into a store holding DBpedia50 in 4.9–5.0 s instead of 6.1–6.3.
    /// So what `produce` itself does to the store (a graph it drops) takes effect before the
    /// quads it handed over until then. Into an empty store, outside a transaction, the secondary
    /// indexes are also dropped and built once at the end from sorted data; a store that holds
    /// quads keeps them up to date, since rebuilding them would sort every quad it holds.
    public func insertAll(sortedBatch: Int = 1 << 20, _ produce: (_ add: (Quad) throws -> Void) throws -> Void) throws -> Int {
        guard !connection.inTransaction else { return try insertInBatches(of: sortedBatch, produce) }
        guard try holdsNoQuad() else { return try transaction { try insertInBatches(of: sortedBatch, produce) } }
        // The index build sorts every quad: past the page cache's size its runs go to temporary
        // files, not to memory (where queries' temporary data goes), so that a load of any size
        // fits. SQLite takes this setting only outside a transaction; where it refuses, the runs
        // stay in memory.
        let spillsToFiles = (try? connection.execute("PRAGMA temp_store=FILE")) != nil
        defer { if spillsToFiles { try? connection.execute("PRAGMA temp_store=MEMORY") } }
        return try transaction {
            // Another process may have written since the look above.
            guard try holdsNoQuad(), dropSecondaryIndexes() else { return try insertInBatches(of: sortedBatch, produce) }
            let added = try insertInBatches(of: sortedBatch, produce)
            try Self.createSecondaryIndexes(on: connection)
            return added
        }
    }

    /// Adds every quad `produce` hands over, `size` at a time in the primary key's order; returns
    /// how many were new.
    private func insertInBatches(of size: Int, _ produce: (_ add: (Quad) throws -> Void) throws -> Void) throws -> Int {
        var added = 0
        var batch: [QuadKey] = []
        batch.reserveCapacity(min(size, 1 << 16))
        try produce { quad in
            batch.append(try key(of: quad))
            if batch.count >= size { added += try insertInOrder(&batch) }
        }
        return added + (try insertInOrder(&batch))
    }

    /// Inserts and empties `batch`; returns how many of its quads were new.
    private func insertInOrder(_ batch: inout [QuadKey]) throws -> Int {
        batch.sort()
        var added = 0
        for key in batch where try insert(key) { added += 1 }
        batch.removeAll(keepingCapacity: true)
        return added
    }

    /// Drops the secondary indexes, all or none; false when SQLite refused (a statement of this
    /// connection still reading the table): the quads then go in one by one.
    private func dropSecondaryIndexes() -> Bool {
        do {
            try connection.execute("SAVEPOINT deferring_indexes")
            for (name, _) in Self.secondaryIndexes { try connection.execute("DROP INDEX \(name)") }
            try connection.execute("RELEASE deferring_indexes")
            return true
        } catch {
            try? connection.execute("ROLLBACK TO deferring_indexes; RELEASE deferring_indexes")
            return false
        }
    }

    private func holdsNoQuad() throws -> Bool {
        let probe = try connection.prepare("SELECT 1 FROM quad LIMIT 1")
        defer { probe.reset() }
        return try !probe.step()
    }
}
