import Foundation
import QueryWorkers
import SPARQLProtocol
import XCTest

/// What the pool does when a request runs too long, a worker dies, or the store cannot open;
/// and that it leaves no zombie, no open pipe and no worker behind.
final class PoolFaultTests: XCTestCase {
    /// 8·10⁹ combinations, counted before the first solution: runs for minutes.
    static let runaway = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    /// 10⁶ combinations of graph g1: well under a second or two.
    static let slow = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/g1> { ?a ?p ?b . ?c ?q ?d }"
    /// 200,000 UNIONs overflow rasqal 0.9.33's stack (a segmentation fault) in a fraction of a second.
    static let crashing = "SELECT * { " + Array(repeating: "{}", count: 200_000).joined(separator: " UNION ") + " }"
    static let lookup = "SELECT ?v { <http://example.org/s42> <http://example.org/value> ?v }"

    private var fixture: PoolFixture!

    override func setUp() async throws { fixture = try PoolFixture() }
    override func tearDown() async throws { fixture = nil }

    private func assertAnswersLookup(_ pool: WorkerPool, file: StaticString = #filePath, line: UInt = #line) async {
        let reply = await pool.execute(.query(Self.lookup, accept: ["text/csv"]))
        XCTAssertEqual(reply.status, .ok, reply.message, file: file, line: line)
        XCTAssertEqual(reply.text, "v\r\n42\r\n", file: file, line: line)
    }

    func testRunawayQueryTimesOutAndTheNextQueryWorks() async throws {
        let events = EventLog()
        let pool = try await fixture.pool(readers: 1, timeout: .seconds(1), events: events.record)
        let started = ContinuousClock.now
        let reply = await pool.execute(.query(Self.runaway))
        let elapsed = ContinuousClock.now - started
        XCTAssertEqual(reply.status, .timeout, reply.message)
        XCTAssertTrue(reply.message.contains("1 s"), reply.message)
        XCTAssertLessThan(elapsed, .milliseconds(1500))
        XCTAssertGreaterThanOrEqual(elapsed, .seconds(1))
        await assertAnswersLookup(pool)
        XCTAssertEqual(events.all, ["timedOut", "restarted"])
        await pool.shutdown()
    }

    func testWorkerKilledMidQueryGivesCrashedAndThePoolKeepsServing() async throws {
        let events = EventLog()
        let pool = try await fixture.pool(readers: 1, timeout: .seconds(30), events: events.record)
        async let reply = pool.execute(.query(Self.runaway))
        try await Task.sleep(for: .milliseconds(300))
        // The reader is busy with the runaway query; the idle writer dies too, and is replaced
        // for the next write without the client noticing.
        let workers = PoolFixture.workerChildren()
        XCTAssertEqual(workers.count, 2)
        for worker in workers { kill(worker.pid, SIGKILL) }
        let killed = await reply
        XCTAssertEqual(killed.status, .crashed, killed.message)
        XCTAssertTrue(killed.message.contains("signal 9"), killed.message)
        await assertAnswersLookup(pool)
        XCTAssertTrue(events.all.starts(with: ["crashed", "restarted"]), "\(events.all)")
        await pool.shutdown()
    }

    func testRasqalCrashKillsOnlyItsRequest() async throws {
        let pool = try await fixture.pool(readers: 1)
        let reply = await pool.execute(.query(Self.crashing))
        XCTAssertEqual(reply.status, .crashed, reply.message)
        await assertAnswersLookup(pool)
        await pool.shutdown()
    }

    func testNoZombieOrPipeOutlivesItsWorker() async throws {
        let descriptorsBefore = PoolFixture.openDescriptors()
        let pool = try await fixture.pool(readers: 2, timeout: .milliseconds(300))
        for _ in 0..<3 {
            _ = await pool.execute(.query(Self.crashing))
            _ = await pool.execute(.query(Self.runaway))
        }
        await assertAnswersLookup(pool)
        XCTAssertEqual(PoolFixture.workerChildren().filter { $0.state == "Z" }.count, 0, "zombies: \(PoolFixture.workerChildren())")
        XCTAssertEqual(PoolFixture.settled(at: 3) { PoolFixture.workerChildren().count }, 3, "2 readers and the writer")
        await pool.shutdown()
        XCTAssertEqual(PoolFixture.workerChildren().count, 0, "\(PoolFixture.workerChildren())")
        XCTAssertEqual(PoolFixture.openDescriptors(), descriptorsBefore)
    }

    func testShutdownWaitsForTheQueryInFlightThenRefuses() async throws {
        let pool = try await fixture.pool(readers: 1)
        async let reply = pool.execute(.query(Self.slow, accept: ["text/csv"]))
        try await Task.sleep(for: .milliseconds(200))
        await pool.shutdown()
        XCTAssertEqual(PoolFixture.workerChildren().count, 0)
        let finished = await reply
        XCTAssertEqual(finished.status, .ok, finished.message)
        XCTAssertEqual(finished.text, "n\r\n1000000\r\n")
        let refused = await pool.execute(.query(Self.lookup))
        XCTAssertEqual(refused.status, .failed)
        XCTAssertTrue(refused.message.contains("shutting down"), refused.message)
    }

    func testBadStorePathFailsAtStartWithTheWorkersMessage() async throws {
        let file = fixture.directory.appendingPathComponent("quads.sqlite").path
        do {
            _ = try await WorkerPool(fixture.configuration(store: file))
            XCTFail("a pool over a file that is not a store started")
        } catch {
            XCTAssertTrue("\(error)".contains("not a store directory"), "\(error)")
        }
        XCTAssertEqual(PoolFixture.workerChildren().count, 0)
    }
}

/// The pool's events, in order, as their names.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String] = []

    var all: [String] { lock.withLock { events } }

    var record: @Sendable (WorkerEvent) -> Void {
        { [self] event in lock.withLock { events.append("\(event)") } }
    }
}

/// A caller that gives up (its task or its `RequestCancellation` cancelled) stops its request at once.
final class PoolCancellationTests: XCTestCase {
    func testCancellingTheCallerStopsTheRunawayQuery() async throws {
        let fixture = try PoolFixture()
        let events = EventLog()
        let pool = try await fixture.pool(readers: 1, timeout: .seconds(30), events: events.record)
        let request = Task { await pool.execute(.query(PoolFaultTests.runaway)) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        request.cancel()
        let reply = await request.value
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
        XCTAssertEqual(reply.status, .failed)
        XCTAssertTrue(reply.message.contains("cancelled"), reply.message)
        XCTAssertEqual(events.all, ["restarted"], "a cancellation is neither a crash nor a timeout")
        let next = await pool.execute(.query(PoolFaultTests.lookup, accept: ["text/csv"]))
        XCTAssertEqual(next.text, "v\r\n42\r\n")
        await pool.shutdown()
    }

    func testCancellingARequestInLineLeavesTheLineAtOnce() async throws {
        let fixture = try PoolFixture()
        let events = EventLog()
        let pool = try await fixture.pool(readers: 1, timeout: .seconds(3), events: events.record)
        let running = Task { await pool.execute(.query(PoolFaultTests.runaway)) }
        try await Task.sleep(for: .milliseconds(300))
        // Cancelled through its handle, as the endpoint cancels a client that left.
        let cancellation = RequestCancellation()
        let waiting = Task { await pool.execute(.query(PoolFaultTests.lookup), cancellation: cancellation) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        cancellation.cancel()
        let reply = await waiting.value
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(1), "it did not wait for the running query's worker")
        XCTAssertTrue(reply.message.contains("cancelled"), reply.message)
        let front = await running.value
        XCTAssertEqual(front.status, .timeout, "the query in front was not disturbed")
        XCTAssertEqual(events.all, ["timedOut", "restarted"], "the cancelled request took no worker")
        await pool.shutdown()
    }
}
