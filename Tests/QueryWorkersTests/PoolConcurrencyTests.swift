import Foundation
import QueryWorkers
import SPARQLProtocol
import XCTest

/// Many clients at once: every request gets its own answer, in parallel on the readers.
final class PoolConcurrencyTests: XCTestCase {
    private static func lookup(_ i: Int) -> EndpointRequest {
        .query("SELECT ?v { <http://example.org/s\(i)> <http://example.org/value> ?v }", accept: ["text/csv"])
    }

    func testFortyConcurrentQueriesOverTwoReadersEachGetTheirOwnAnswer() async throws {
        let fixture = try PoolFixture()
        let pool = try await fixture.pool(readers: 2)
        let answers = await withTaskGroup(of: (Int, EndpointReply).self) { group in
            for i in 0..<40 { group.addTask { (i, await pool.execute(Self.lookup(i * 23))) } }
            return await group.reduce(into: [Int: EndpointReply]()) { $0[$1.0] = $1.1 }
        }
        XCTAssertEqual(answers.count, 40)
        for (i, reply) in answers {
            XCTAssertEqual(reply.status, .ok, reply.message)
            XCTAssertEqual(reply.text, "v\r\n\(i * 23)\r\n")
        }
        await pool.shutdown()
    }

    func testAFullQueueAnswersServerBusy() async throws {
        let fixture = try PoolFixture()
        var configuration = fixture.configuration(readers: 1)
        configuration.queueLimit = 1
        let pool = try await WorkerPool(configuration)
        let replies = await withTaskGroup(of: EndpointReply.self) { group in
            for _ in 0..<3 { group.addTask { await pool.execute(.query(PoolFaultTests.slow)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(replies.filter { $0.status == .ok }.count, 2, "one running, one waiting")
        XCTAssertEqual(replies.filter { $0.message.contains("server busy") }.count, 1)
        await pool.shutdown()
    }

    /// Round trip of a point lookup through the pool, one client (printed for the README).
    func testPointLookupLatency() async throws {
        let fixture = try PoolFixture()
        let pool = try await fixture.pool(readers: 2)
        var samples: [Duration] = []
        for i in 0..<1000 {
            let started = ContinuousClock.now
            let reply = await pool.execute(Self.lookup(i))
            samples.append(ContinuousClock.now - started)
            XCTAssertEqual(reply.status, .ok)
        }
        samples.sort()
        print("point lookup through the pool: p50 \(samples[500]), p90 \(samples[900]), p99 \(samples[990])")
        XCTAssertLessThan(samples[500], .milliseconds(50))
        await pool.shutdown()
    }
}
