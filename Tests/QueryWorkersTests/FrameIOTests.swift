import Foundation
@testable import QueryWorkers
import XCTest

/// Frames over a real pipe: whole megabytes through short reads and writes, and how ends show.
final class FrameIOTests: XCTestCase {
    private func makePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        return (fds[0], fds[1])
    }

    func testMegabytesCrossAPipeWholeAndInOrder() throws {
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        // A pipe holds 64 KiB: the writer must wait for the reader again and again.
        let payloads = [Data((0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }), Data(), Data("last".utf8)]
        let writer = Thread {
            for (i, payload) in payloads.enumerated() { try? FrameIO.write(payload, sequence: UInt64(i + 7), to: writeEnd) }
            close(writeEnd)
        }
        writer.start()
        for (i, payload) in payloads.enumerated() {
            let frame = try XCTUnwrap(try FrameIO.read(from: readEnd, deadline: .now + .seconds(20)))
            XCTAssertEqual(frame.sequence, UInt64(i + 7))
            XCTAssertEqual(frame.payload, payload)
        }
        XCTAssertNil(try FrameIO.read(from: readEnd), "a clean end between frames")
    }

    func testAnEndInsideAFrameAndAMissedDeadlineAreErrors() throws {
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        XCTAssertThrowsError(try FrameIO.read(from: readEnd, deadline: .now + .milliseconds(100))) { error in
            XCTAssertEqual(error as? FrameIO.Failure, .timedOut)
        }
        var header = Data(repeating: 0, count: 7) + Data([100]) + Data(repeating: 0, count: 8)
        header.append(Data("only part".utf8))
        _ = header.withUnsafeBytes { write(writeEnd, $0.baseAddress!, $0.count) }
        close(writeEnd)
        XCTAssertThrowsError(try FrameIO.read(from: readEnd)) { error in
            XCTAssertEqual(error as? FrameIO.Failure, .endOfFile)
        }
    }

    /// A frame that is already there is read even past the deadline: a reader preempted between
    /// header and payload must not leave half a frame in the pipe (the next read would misparse it).
    func testAFrameAlreadyThereIsReadPastTheDeadline() throws {
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd); close(writeEnd) }
        try FrameIO.write(Data("hello".utf8), sequence: 7, to: writeEnd)
        let frame = try FrameIO.read(from: readEnd, deadline: .now - .milliseconds(10))
        XCTAssertEqual(frame?.sequence, 7)
        XCTAssertEqual(frame.map { String(decoding: $0.payload, as: UTF8.self) }, "hello")
        XCTAssertFalse(FrameIO.isReadable(readEnd, within: .milliseconds(10)), "nothing left behind")
    }
}
