import RDFModel

extension QuadDatabase {
    /// The layout version this code writes, kept in SQLite's `user_version`.
    /// 1: `xsd:string` literals are stored as simple literals (see `EncodedTerm`).
    static let layoutVersion = 1

    /// Brings a store written by an earlier version to `layoutVersion`, in one transaction, so an
    /// interrupted upgrade leaves the store as it was. Called under the set-up lock.
    static func upgradeLayout(of connection: SQLiteConnection) throws {
        let read = try connection.prepare("PRAGMA user_version")
        let version = try read.step() ? read.int64(0) : 0
        read.reset()
        guard version < layoutVersion else { return }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            try mergeStringLiterals(connection)
            try connection.execute("PRAGMA user_version = \(layoutVersion); COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Version 0 kept `"x"^^xsd:string` apart from `"x"`. A typed term without a simple twin
    /// becomes simple in place; one with a twin hands its quads (literals are only ever objects)
    /// to the twin, and a quad both held stays once.
    private static func mergeStringLiterals(_ connection: SQLiteConnection) throws {
        let (typed, plain, string) = (EncodedTerm.typed, EncodedTerm.plain, Vocabulary.xsdString)
        try connection.execute("""
            CREATE TEMP TABLE string_twin AS
                SELECT t.id AS old, s.id AS new FROM term AS t
                JOIN term AS s ON s.lex = t.lex AND s.kind = \(plain) AND s.extra = ''
                WHERE t.kind = \(typed) AND t.extra = '\(string)';
            UPDATE term SET kind = \(plain), extra = ''
                WHERE kind = \(typed) AND extra = '\(string)' AND id NOT IN (SELECT old FROM string_twin);
            INSERT OR IGNORE INTO quad(s, p, o, g)
                SELECT q.s, q.p, t.new, q.g FROM string_twin AS t JOIN quad AS q ON q.o = t.old;
            DELETE FROM quad WHERE o IN (SELECT old FROM string_twin);
            DELETE FROM term WHERE id IN (SELECT old FROM string_twin);
            DROP TABLE string_twin;
            """)
    }
}
