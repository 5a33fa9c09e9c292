import ArgumentParser
import Store

/// `--store`, shared by every command that opens a store.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a directory (persistent SQLite storage), 'memory', or 'postgresql:OPTIONS' (Redland's PostgreSQL storage). Default: $COATT_STORE or ~/.local/share/coatt/default.store.",
        valueName: "PATH"))
    var store: String?

    var location: StoreLocation { store.map(StoreLocation.init) ?? StoreLocation.defaultLocation }

    func open() throws -> Store {
        do {
            return try Store(location)
        } catch {
            throw CommandFailure("cannot open store \(location.description): \(error)")
        }
    }
}

/// A failure reported as one line on stderr with a non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
