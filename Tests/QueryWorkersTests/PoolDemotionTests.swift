import Foundation
import SPARQLProtocol
import XCTest
@testable import QueryWorkers

/// A long request's worker (and a starting one) runs at nice 19 while it lasts, and no worker keeps that
/// priority once it serves.
/// (Workers start at the nice value of the thread that spawned them, which libdispatch's QoS
/// may have set, so the tests look for 19 rather than for a fixed starting value.)
final class PoolDemotionTests: XCTestCase {
    private static let runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

    /// The nice value /proc reports (field 19 of stat).
    private static func nice(_ pid: Int32) -> Int32 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return Int32.min }
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        return Int32(fields[16]) ?? Int32.min  // fields from "state" (field 3): nice is field 19
    }

    func testRunawayWorkerIsDemotedAndItsReplacementIsNot() async throws {
        let fixture = try PoolFixture()
        let pool = try await WorkerPool(fixture.configuration(readers: 1, timeout: .seconds(2)))
        async let reply = pool.execute(.query(Self.runaway))
        try await Task.sleep(for: .milliseconds(600))
        let nices = PoolFixture.workerChildren().map { Self.nice($0.pid) }
        XCTAssertEqual(nices.filter { $0 == 19 }.count, 1, "the busy reader is demoted, the idle writer is not: \(nices)")
        XCTAssertEqual(nices.count, 2)
        let timedOut = await reply
        XCTAssertEqual(timedOut.status, .timeout, timedOut.message)
        // The replacement starts at 19 too (start-up is a burst of CPU) and gets its priority back
        // once it has greeted, before its first request.
        let next = await pool.execute(.query("SELECT ?s { ?s ?p ?o } LIMIT 1"))
        XCTAssertEqual(next.status, .ok, next.message)
        let after = PoolFixture.workerChildren().filter { $0.state != "Z" }.map { ($0.pid, Self.nice($0.pid)) }
        XCTAssertFalse(after.map(\.1).contains(19), "\(after)")
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
        XCTAssertFalse(workers.map { Self.nice($0.pid) }.contains(19), "restored after each request")
        await pool.shutdown()
    }
}
