import CRedland
import Foundation

/// A diagnostic reported by librdf, raptor or rasqal, with its position when the library gave one.
public struct RedlandMessage: Sendable, CustomStringConvertible {
    public enum Level: Sendable { case warning, error }
    public let level: Level
    public let text: String
    public let line: Int?
    public let column: Int?

    public var description: String {
        var position = ""
        if let line { position = "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": " }
        return position + text
    }
}

/// A librdf world: the root of every Redland object. Redland is not thread-safe, so a world and
/// everything made from it belongs to one thread at a time (`@unchecked Sendable` lets it move).
public final class RedlandWorld: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Messages logged since the last `drainMessages()`; librdf reports SPARQL syntax errors only here.
    private var messages: [RedlandMessage] = []

    /// Worlds share libltdl/curl globals: creating or freeing two at once races (REDLAND.md §5).
    private static let lifecycleLock = NSLock()

    public init() {
        Self.lifecycleLock.lock()
        defer { Self.lifecycleLock.unlock() }
        pointer = librdf_new_world()
        librdf_world_open(pointer)
        // The default logger prints to stderr with a garbage location; collect messages instead.
        librdf_world_set_logger(pointer, Unmanaged.passUnretained(self).toOpaque()) { userData, message in
            guard let userData, let message else { return 1 }
            let world = Unmanaged<RedlandWorld>.fromOpaque(userData).takeUnretainedValue()
            world.record(message)
            return 1
        }
    }

    deinit {
        Self.lifecycleLock.lock()
        defer { Self.lifecycleLock.unlock() }
        librdf_free_world(pointer)
    }

    private func record(_ message: UnsafeMutablePointer<librdf_log_message>) {
        let level = librdf_log_message_level(message)
        guard level.rawValue >= LIBRDF_LOG_WARN.rawValue else { return }
        let text = librdf_log_message_message(message).map { String(cString: $0) } ?? "unknown error"
        var line: Int?, column: Int?
        if let locator = librdf_log_message_locator(message) {
            if locator.pointee.line > 0 { line = Int(locator.pointee.line) }
            if locator.pointee.column > 0 { column = Int(locator.pointee.column) }
        }
        messages.append(RedlandMessage(level: level.rawValue >= LIBRDF_LOG_ERROR.rawValue ? .error : .warning,
                                       text: text, line: line, column: column))
    }

    /// Returns and forgets the messages logged so far.
    public func drainMessages() -> [RedlandMessage] {
        defer { messages.removeAll() }
        return messages
    }
}

extension RedlandWorld {
    /// The raw `librdf_world`, for code that implements librdf interfaces (a storage module).
    public func withPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T { try body(pointer) }
}
