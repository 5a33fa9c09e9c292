import Foundation

/// Reads a file line by line in fixed-size chunks, handing each line's bytes (without `\n`, a
/// trailing `\r`, or a leading UTF-8 byte-order mark) to a closure, with its 1-based number.
/// Memory stays bounded by the chunk size plus the longest line.
struct LineReader {
    let path: String
    var chunkSize = 1 << 20

    /// Calls `body` for every line, including a last line without a newline; a file ending in
    /// `\n` yields no extra empty line.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { throw KGImportError.missingFile(path: path) }
            throw KGImportError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }

        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0          // bytes of buffer in use
        var lineNumber = 0
        var atStart = true
        while true {
            if filled == buffer.count {  // a line longer than the buffer: grow it
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw KGImportError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
            }
            let end = filled + n
            let eof = n == 0
            let consumed: Int = try buffer.withUnsafeBufferPointer { all in
                var start = 0
                if atStart, end >= 3, all[0] == 0xEF, all[1] == 0xBB, all[2] == 0xBF { start = 3 }
                if end > 0 || eof { atStart = false }
                var i = start
                while i < end {
                    if all[i] == 0x0A {
                        lineNumber += 1
                        try body(Self.trimmed(all, start, i), lineNumber)
                        start = i + 1
                    }
                    i += 1
                }
                if eof, start < end {
                    lineNumber += 1
                    try body(Self.trimmed(all, start, end), lineNumber)
                    start = end
                }
                return start
            }
            if eof { return }
            // Move the unfinished line to the front.
            let rest = end - consumed
            if rest > 0, consumed > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + consumed, rest)
                }
            }
            filled = rest
        }
    }

    private static func trimmed(_ all: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        var to = to
        if to > from, all[to - 1] == 0x0D { to -= 1 }
        return UnsafeBufferPointer(rebasing: all[from..<to])
    }
}
