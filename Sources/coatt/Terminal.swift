import Foundation

/// Buffered standard output, and one-line messages on standard error.
enum Terminal {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    // A full disk or a closed file: the output is incomplete, which must not look
                    // like success. (A closed pipe ends the process by SIGPIPE first, as usual.)
                    error("Error: cannot write the output: \(String(cString: strerror(n < 0 ? errno : EIO)))")
                    Foundation.exit(1)
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
    static var standardOutputIsTerminal: Bool { isatty(1) != 0 }
}

/// A progress line on stderr, rewritten in place on a terminal and throttled to a few per second.
struct ProgressLine {
    private var last = Date.distantPast
    private let enabled = Terminal.standardErrorIsTerminal

    mutating func update(_ text: @autoclosure () -> String) {
        guard enabled, Date().timeIntervalSince(last) > 0.25 else { return }
        last = Date()
        Terminal.error("\r\u{1B}[K" + text(), newline: false)
    }

    func finish() {
        if enabled && last != .distantPast { Terminal.error("\r\u{1B}[K", newline: false) }
    }
}

extension Terminal {
    static func error(_ text: String, newline: Bool = true) {
        let bytes = Array((newline ? text + "\n" : text).utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
