import Foundation
@testable import QueryWorkers
import XCTest

final class BlockingThreadsTests: XCTestCase {
    /// Work that blocks until every other piece has started: only done if all run at once.
    func testEveryPieceOfWorkRunsAtOnce() {
        let threads = BlockingThreads(keepingIdle: 2)
        let count = 24
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchGroup()
        // The second round reuses the idle threads kept and starts new ones for the rest.
        for _ in 0..<2 {
            for _ in 0..<count {
                done.enter()
                threads.run {
                    started.signal()
                    release.wait()
                    done.leave()
                }
            }
            for _ in 0..<count { XCTAssertEqual(started.wait(timeout: .now() + 10), .success) }
            for _ in 0..<count { release.signal() }
            XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        }
    }

    func testAnIdleThreadTakesTheNextPieceOfWork() {
        let threads = BlockingThreads(keepingIdle: 1)
        final class Seen: @unchecked Sendable {  // written by one piece at a time, read after
            var threads: [UInt] = []
        }
        let seen = Seen()
        for _ in 0..<3 {
            let done = DispatchSemaphore(value: 0)
            threads.run {
                seen.threads.append(UInt(pthread_self()))
                done.signal()
            }
            XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
            usleep(20_000)  // let the thread park itself before the next piece
        }
        XCTAssertEqual(Set(seen.threads).count, 1, "one thread served all three")
    }
}
