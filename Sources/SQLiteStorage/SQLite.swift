import CSQLite

/// An error reported by SQLite, with its message.
public struct SQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite error \(code): \(message)" }
}

// SQLite copies bound text when told SQLITE_TRANSIENT; the C macro is not importable.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection. Not thread-safe: used by the thread that owns the store.
final class SQLiteConnection {
    let handle: OpaquePointer

    init(path: String) throws {
        handle = try Self.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, shownAs: path)
        sqlite3_busy_timeout(handle, 10_000)
    }

    /// Opens an existing database for reading only. A WAL database whose directory this process
    /// cannot write (and whose shared-memory file no writer has left behind) can only be read as
    /// immutable, which SQLite then trusts not to change under it: that is tried second.
    init(readingOnly path: String) throws {
        // Only '%', '?' and '#' would change the meaning of a file: URI's path.
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        let shared = try Self.open("file:\(escaped)?mode=ro", flags: flags, shownAs: path)
        if sqlite3_exec(shared, "SELECT count(*) FROM sqlite_master", nil, nil, nil) == SQLITE_OK {
            handle = shared
        } else {
            sqlite3_close_v2(shared)
            handle = try Self.open("file:\(escaped)?immutable=1", flags: flags, shownAs: path)
        }
        sqlite3_busy_timeout(handle, 10_000)
    }

    private static func open(_ name: String, flags: Int32, shownAs path: String) throws -> OpaquePointer {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLiteError(code: rc, message: "\(path): \(message)")
        }
        return db
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc) }
        return SQLiteStatement(statement, connection: self)
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows inserted, updated or deleted through this connection since it was opened.
    var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    func error(_ rc: Int32) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)))
    }
}

/// A prepared statement, reset and rebound for each use.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    /// Binds text by its byte count, not up to its first NUL (-1 would cut "x\u{0}y" to "x").
    func bind(_ index: Int32, _ value: String) { sqlite3_bind_text(handle, index, value, Int32(value.utf8.count), transient) }

    /// Steps once; true while a row is available.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw connection.error(rc)
    }

    /// Steps a statement that returns no rows.
    func run() throws {
        defer { sqlite3_reset(handle) }
        _ = try step()
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
