import CSQLite
import RDFModel

extension QuadDatabase {
    /// The layout version this code writes, kept in SQLite's `user_version`.
    /// 1: `xsd:string` literals are stored as simple literals (see `EncodedTerm`).
    static let layoutVersion = 1

    /// Brings a store written by an earlier version to `layoutVersion`, in one transaction, so an
    /// interrupted upgrade leaves the store as it was. Called under the set-up lock.
    static func upgradeLayout(of connection: SQLiteConnection) throws {
        guard try layout(of: connection) < layoutVersion else { return }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            try mergeStringLiterals(connection)
            try connection.execute("PRAGMA user_version = \(layoutVersion); COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// A store opened read-only cannot be upgraded: one of an earlier layout is refused.
    static func checkLayout(of connection: SQLiteConnection, path: String) throws {
        guard try layout(of: connection) >= layoutVersion else {
            throw SQLiteError(code: SQLITE_READONLY, message: "\(path) was written by an earlier version of coatt and is read-only here: open it once where it can be written, to bring it up to date")
        }
    }

    private static func layout(of connection: SQLiteConnection) throws -> Int64 {
        let read = try connection.prepare("PRAGMA user_version")
        defer { read.reset() }
        return try read.step() ? read.int64(0) : 0
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
