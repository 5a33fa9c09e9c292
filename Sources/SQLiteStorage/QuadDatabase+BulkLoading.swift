extension QuadDatabase {
    /// The quad table's indexes beside its primary key (s, p, o, g): name and columns.
    static let secondaryIndexes = [("quad_pos", "p, o, s, g"), ("quad_osp", "o, s, p, g"), ("quad_gspo", "g, s, p, o")]

    static func createSecondaryIndexes(on connection: SQLiteConnection) throws {
        for (name, columns) in secondaryIndexes {
            try connection.execute("CREATE INDEX IF NOT EXISTS \(name) ON quad(\(columns))")
        }
    }

    /// Runs `body` in one transaction, as `transaction` does; when the store holds no quad yet,
    /// without the secondary indexes, which are then built once at the end from sorted data
    /// instead of kept up to date at every insert (three more B-tree seeks per quad, in the
    /// random order of a file's subjects). A failure rolls their removal back with the rest.
    public func bulkTransaction<T>(_ body: () throws -> T) throws -> T {
        guard !connection.inTransaction else { return try body() }
        return try transaction {
            let deferring = try holdsNoQuad() && dropSecondaryIndexes()
            let value = try body()
            if deferring { try Self.createSecondaryIndexes(on: connection) }
            return value
        }
    }

    /// Drops the secondary indexes, all or none; false when SQLite refused (a statement of this
    /// connection still reading the table): the load then keeps them up to date as it goes.
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
