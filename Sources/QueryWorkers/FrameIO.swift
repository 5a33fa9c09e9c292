import Foundation

/// Length-prefixed frames over a pipe, between the pool and a worker process.
///
/// A frame is a 16-byte header, the payload length and a sequence number (both UInt64, big
/// endian), then the payload (a request or reply as `WireCoding` writes it). The sequence
/// number ties a reply to its request. Bodies can be megabytes: every read and write loops until
/// the whole frame has moved, through short transfers and EINTR.
enum FrameIO {
    /// Larger frames are refused, so that a corrupt header cannot make the reader allocate wildly.
    static let maximumPayload = 1 << 31

    static let headerSize = 16

    /// Why a frame could not be moved.
    enum Failure: Error, Equatable {
        /// The other end closed the pipe (the worker or the pool is gone).
        case endOfFile
        /// The deadline passed before the frame had moved.
        case timedOut
        /// A system call failed with this errno.
        case system(Int32)
        /// The header announced an impossible length.
        case malformed
    }

    /// Writes one frame. With a deadline, waits for the pipe to accept data only until then.
    static func write(_ payload: Data, sequence: UInt64, to fd: Int32, deadline: ContinuousClock.Instant? = nil) throws {
        var frame = Data(capacity: headerSize + payload.count)
        append(UInt64(payload.count), to: &frame)
        append(sequence, to: &frame)
        frame.append(payload)
        try frame.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < raw.count {
                try waitUntilReady(fd, for: Int16(POLLOUT), deadline: deadline)
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno != EINTR && errno != EAGAIN {
                    throw errno == EPIPE ? Failure.endOfFile : Failure.system(errno)
                }
            }
        }
    }

    /// Reads one frame: nil when the pipe ends cleanly before a new frame starts.
    static func read(from fd: Int32, deadline: ContinuousClock.Instant? = nil) throws -> (sequence: UInt64, payload: Data)? {
        var header = [UInt8](repeating: 0, count: headerSize)
        let started = try header.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) throws in
            try fill(raw, from: fd, deadline: deadline, allowEndAtStart: true)
        }
        guard started else { return nil }
        let length = header[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let sequence = header[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maximumPayload) else { throw Failure.malformed }
        var payload = Data(count: Int(length))
        _ = try payload.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) throws in
            try fill(raw, from: fd, deadline: deadline, allowEndAtStart: false)
        }
        return (sequence, payload)
    }

    /// Fills `buffer` from `fd`. Returns false when the pipe ended before the first byte and
    /// `allowEndAtStart`; an end anywhere else is `.endOfFile`.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from fd: Int32, deadline: ContinuousClock.Instant?,
                             allowEndAtStart: Bool) throws -> Bool {
        var offset = 0
        while offset < buffer.count {
            try waitUntilReady(fd, for: Int16(POLLIN), deadline: deadline)
            let n = Foundation.read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 {
                offset += n
            } else if n == 0 {
                if offset == 0 && allowEndAtStart { return false }
                throw Failure.endOfFile
            } else if errno != EINTR && errno != EAGAIN {
                throw Failure.system(errno)
            }
        }
        return true
    }

    /// Blocks until `fd` is ready for `events` (or has hung up), or throws at the deadline.
    /// Data already there is never refused: a reader preempted between a frame's header and its
    /// payload past the deadline still gets the payload, rather than leaving half a frame behind.
    private static func waitUntilReady(_ fd: Int32, for events: Int16, deadline: ContinuousClock.Instant?) throws {
        guard let deadline else { return }
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            let (seconds, attoseconds) = max(left, .zero).components
            let milliseconds = left > .zero ? Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1) : 0
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return }  // readable, writable, or hung up: the read/write says which
            if ready < 0 && errno != EINTR { throw Failure.system(errno) }
            if ready == 0 && left <= .zero { throw Failure.timedOut }
        }
    }

    /// Whether `fd` has data (or has hung up) within `timeout`; reads nothing.
    static func isReadable(_ fd: Int32, within timeout: Duration) -> Bool {
        do {
            try waitUntilReady(fd, for: Int16(POLLIN), deadline: .now + timeout)
            return true
        } catch {
            return false
        }
    }

    private static func append(_ value: UInt64, to data: inout Data) {
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
