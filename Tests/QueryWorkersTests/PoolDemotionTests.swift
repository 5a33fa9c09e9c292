import Foundation
import SPARQLProtocol
import XCTest
@testable import QueryWorkers

/// A long request's worker (and a starting one) runs under SCHED_IDLE while it lasts, and no
/// worker keeps that policy once it serves.
final class PoolDemotionTests: XCTestCase {
    private static let runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

    /// Whether the process runs under Linux's SCHED_IDLE (policy 5).
    private static func isIdle(_ pid: Int32) -> Bool { sched_getscheduler(pid) == 5 }

    func testRunawayWorkerIsDemotedAndItsReplacementIsNot() async throws {
        let fixture = try PoolFixture()
        let pool = try await WorkerPool(fixture.configuration(readers: 1, timeout: .seconds(2)))
        async let reply = pool.execute(.query(Self.runaway))
        try await Task.sleep(for: .milliseconds(600))
        let idle = PoolFixture.workerChildren().map { Self.isIdle($0.pid) }
        XCTAssertEqual(idle.filter { $0 }.count, 1, "the busy reader is demoted, the idle writer is not: \(idle)")
        XCTAssertEqual(idle.count, 2)
        let timedOut = await reply
        XCTAssertEqual(timedOut.status, .timeout, timedOut.message)
        // The replacement starts idle too (start-up is a burst of CPU) and gets its priority back
        // once it has greeted, before its first request.
        let next = await pool.execute(.query("SELECT ?s { ?s ?p ?o } LIMIT 1"))
        XCTAssertEqual(next.status, .ok, next.message)
        let after = PoolFixture.workerChildren().filter { $0.state != "Z" }.map { ($0.pid, Self.isIdle($0.pid)) }
        XCTAssertFalse(after.map(\.1).contains(true), "\(after)")
        await pool.shutdown()
    }

    func testAFinishedLongRequestLeavesNoWorkerDemoted() async throws {
        let fixture = try PoolFixture()
        var configuration = fixture.configuration(readers: 1)
        configuration.demoteAfter = .zero  // every request counts as long
        let pool = try await WorkerPool(configuration)
        for _ in 0..<3 {
            let reply = await pool.execute(.query("SELECT ?s { ?s ?p ?o } LIMIT 1"))
            XCTAssertEqual(reply.status, .ok, reply.message)
        }
        let workers = PoolFixture.workerChildren().filter { $0.state != "Z" }
        XCTAssertEqual(workers.count, 2)
        XCTAssertFalse(workers.map { Self.isIdle($0.pid) }.contains(true), "restored after each request")
        await pool.shutdown()
    }
}
