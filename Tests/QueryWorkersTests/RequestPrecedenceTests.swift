import Foundation
import XCTest
@testable import QueryWorkers

/// The rules of ``RequestPrecedence``, on processes that record the signals they get and report
/// the CPU time a test gives them.
final class RequestPrecedenceTests: XCTestCase {
    private final class RecordingProcess: PausableProcess, @unchecked Sendable {
        private let lock = NSLock()
        private var signals: [Int32] = []
        private var cpu: Double = 0
        private(set) var lowered = false
        private(set) var restores = 0
        private(set) var lowers = 0
        /// CPU time it gains each time it is asked while not stopped (a running process).
        private let cpuPerReadWhileRunning: Double

        init(cpuPerReadWhileRunning: Double = 0) { self.cpuPerReadWhileRunning = cpuPerReadWhileRunning }

        var received: [Int32] { lock.withLock { signals } }
        /// Whether the last stop or continue it got was a stop.
        var isStopped: Bool { lock.withLock { signals.last(where: { $0 == SIGSTOP || $0 == SIGCONT }) == SIGSTOP } }

        func spend(_ seconds: Double) { lock.withLock { cpu += seconds } }

        func send(_ signal: Int32) { lock.withLock { signals.append(signal) } }
        func cpuSeconds() -> Double? {
            let running = !isStopped
            return lock.withLock {
                if running { cpu += cpuPerReadWhileRunning }
                return cpu
            }
        }
        func lowerPriority() -> ProcessPriority.Saved? {
            lock.withLock { lowered = true; lowers += 1 }
            return ProcessPriority.Saved(policy: 0, sliceNanoseconds: 0)
        }
        func restorePriority(_ saved: ProcessPriority.Saved) -> Bool {
            lock.withLock { lowered = false; restores += 1 }
            return true
        }
    }

    private func wait(_ seconds: Double) { Thread.sleep(forTimeInterval: seconds) }

    /// A request that spends its threshold of CPU becomes long and is stopped while a short one
    /// runs, then continued once no short request has been in flight for the resume delay.
    func testLongRequestWaitsForShortOnes() {
        let precedence = RequestPrecedence(resumeDelay: 0.05, longestPause: 60, relief: 0.01)
        let runaway = RecordingProcess(), lookup = RecordingProcess()
        let long = precedence.begin(on: runaway, longAfter: .milliseconds(10))
        runaway.spend(1)
        wait(0.1)
        XCTAssertTrue(runaway.lowered, "past its threshold: SCHED_IDLE")
        XCTAssertFalse(runaway.isStopped, "nothing else runs: it keeps going")

        let short = precedence.begin(on: lookup, longAfter: .milliseconds(10))
        XCTAssertTrue(runaway.isStopped, "a short request started")
        XCTAssertTrue(precedence.finish(short))
        XCTAssertTrue(runaway.isStopped, "not before the resume delay")
        wait(0.2)
        XCTAssertFalse(runaway.isStopped, "quiet for the resume delay")
        XCTAssertEqual(lookup.received, [], "a short request is never signalled")

        XCTAssertTrue(precedence.finish(long))
        XCTAssertFalse(runaway.lowered, "its priority is given back")
    }

    /// Wall time is not CPU time: a request that waits for a core stays short however long it lasts.
    func testWaitingForACoreDoesNotMakeARequestLong() {
        let precedence = RequestPrecedence()
        let slow = RecordingProcess(), other = RecordingProcess()
        let ticket = precedence.begin(on: slow, longAfter: .milliseconds(5))
        slow.spend(0.004)
        wait(0.1)
        XCTAssertFalse(slow.lowered)
        let next = precedence.begin(on: other, longAfter: .milliseconds(5))
        XCTAssertFalse(slow.isStopped)
        slow.spend(0.002)
        wait(0.1)
        XCTAssertTrue(slow.lowered, "6 ms of CPU: now it is long")
        XCTAssertTrue(slow.isStopped, "and another request is in flight")
        XCTAssertTrue(precedence.finish(next))
        XCTAssertTrue(precedence.finish(ticket))
    }

    /// Under sustained short requests, a paused long request still runs, at its own priority,
    /// until it has had the relief's CPU time after each longest pause: never starved outright.
    func testAPausedRequestGetsReliefRuns() {
        let precedence = RequestPrecedence(resumeDelay: 60, longestPause: 0.1, relief: 0.005)
        let runaway = RecordingProcess(cpuPerReadWhileRunning: 0.01), lookup = RecordingProcess()
        let long = precedence.begin(on: runaway, longAfter: .zero)
        runaway.spend(1)
        wait(0.05)
        let short = precedence.begin(on: lookup, longAfter: .seconds(60))
        XCTAssertTrue(runaway.isStopped)
        wait(0.5)
        let stops = runaway.received.filter { $0 == SIGSTOP }.count
        let continues = runaway.received.filter { $0 == SIGCONT }.count
        XCTAssertGreaterThanOrEqual(continues, 2, "relief runs: \(runaway.received)")
        XCTAssertGreaterThanOrEqual(stops, 3, "paused again after each: \(runaway.received)")
        XCTAssertGreaterThanOrEqual(runaway.restores, 2, "relief runs at its own priority")
        XCTAssertGreaterThanOrEqual(runaway.lowers, 3, "and back to SCHED_IDLE after each")
        XCTAssertTrue(precedence.finish(short))
        XCTAssertTrue(precedence.finish(long))
    }
}
