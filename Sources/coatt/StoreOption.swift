import ArgumentParser
import Store

/// `--store`, shared by every command that opens a store.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a directory (persistent SQLite storage), 'memory', or 'postgresql:OPTIONS' (Redland's PostgreSQL storage). Default: $COATT_STORE or ~/.local/share/coatt/default.store.",
        valueName: "PATH"))
    var store: String?

    var location: StoreLocation { store.map(StoreLocation.init) ?? StoreLocation.defaultLocation }

    /// Opens the store, creating a directory store that does not exist yet (commands that write).
    func open() throws -> Store {
        do {
            return try Store(location)
        } catch {
            throw CommandFailure("cannot open store \(location.description): \(error)")
        }
    }

    /// Opens a store that must already exist (commands that only read): a mistyped path is an
    /// error, not a new empty store that answers every query with nothing.
    func openExisting() throws -> Store {
        if case .directory(let path) = location, !Store.exists(at: path) {
            throw CommandFailure("no store at \(path): `coatt load` or `coatt kg import` creates one (--store, $COATT_STORE)")
        }
        return try open()
    }
}

/// A failure reported as one line on stderr with a non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
