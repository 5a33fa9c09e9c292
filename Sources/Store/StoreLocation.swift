import Foundation

/// Where a store lives, parsed from `--store`:
/// - a directory path (created if missing): our persistent SQLite storage, `DIR/quads.sqlite`;
/// - `memory`: the same storage in memory, gone when the process ends (tests, one-off queries);
/// - `postgresql:OPTIONS`: Redland's PostgreSQL storage, OPTIONS passed to librdf unchanged
///   (e.g. `host='localhost',database='coatt',user='coatt',password='…'`), for stores that outgrow
///   one machine's files.
public enum StoreLocation: Equatable, Sendable {
    case directory(String)
    case memory
    case postgresql(options: String)

    public init(_ spec: String) {
        if spec == "memory" || spec == ":memory:" {
            self = .memory
        } else if spec.hasPrefix("postgresql:") {
            self = .postgresql(options: String(spec.dropFirst("postgresql:".count)))
        } else {
            self = .directory(spec)
        }
    }

    /// `$COATT_STORE`, else `$XDG_DATA_HOME/coatt/default.store` (XDG default `~/.local/share`).
    public static var defaultLocation: StoreLocation {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["COATT_STORE"], !explicit.isEmpty { return StoreLocation(explicit) }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory() + "/.local/share"
        return .directory(dataHome + "/coatt/default.store")
    }

    public var description: String {
        switch self {
        case .directory(let path): return path
        case .memory: return "memory"
        case .postgresql(let options): return "postgresql:" + options.replacingOccurrences(
            of: #"password='[^']*'"#, with: "password='…'", options: .regularExpression)
        }
    }
}
