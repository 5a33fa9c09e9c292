import Foundation
import SPARQLResults
import SharedTestPaths
import XCTest

/// Time limits and shutdown, each on a server of its own.
final class LifecycleTests: XCTestCase {
    /// A count over the cross product of `patterns` triple patterns: 14^patterns rows to count.
    private func crossProduct(_ patterns: Int) -> String {
        let body = (1...patterns).map { "?s\($0) ?p\($0) ?o\($0) ." }.joined(separator: " ")
        return "SELECT (COUNT(*) AS ?n) { \(body) }"
    }

    private static func post(_ query: String, to server: ServerProcess) async throws -> HTTPResult {
        try await HTTP.send("POST", "\(server.base)/sparql", headers: ["Content-Type": "application/sparql-query"], body: Data(query.utf8))
    }

    func testRunawayQueryIsStoppedAtTheTimeLimitAndTheServerKeepsServing() async throws {
        let store = try TestStore()
        let server = try ServerProcess(store: store.store, arguments: ["--timeout", "1"])
        defer { server.stop() }
        let started = Date()
        let runaway = try await Self.post(crossProduct(8), to: server)  // 14^8 ≈ 1.5e9 rows
        XCTAssertEqual(runaway.status, 503, runaway.text)
        XCTAssertTrue(runaway.text.contains("time limit of 1 s"), runaway.text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)

        let after = try await Self.post("ASK { ?s ?p ?o }", to: server)
        XCTAssertEqual(after.status, 200, after.text)
        let metrics = try await HTTP.send("GET", "\(server.base)/metrics").text
        XCTAssertTrue(metrics.contains("sparql_timeouts_total 1"), metrics)
        XCTAssertTrue(metrics.contains(#"sparql_requests_total{operation="query",status="503"} 1"#), metrics)
    }

    func testAQueryWhoseClientLeavesStopsAndFreesItsWorker() async throws {
        let store = try TestStore()
        let server = try ServerProcess(store: store.store, arguments: ["--timeout", "120", "--workers", "1"])
        defer { server.stop() }
        try await HTTP.postAndHangUp("\(server.base)/sparql", contentType: "application/sparql-query", body: crossProduct(8),
                                     patience: .milliseconds(500))
        // The only reader ran the runaway query: the next query is answered once its worker has
        // been killed and replaced, long before the 120-s time limit.
        let started = Date()
        let after = try await Self.post("ASK { ?s ?p ?o }", to: server)
        XCTAssertEqual(after.status, 200, after.text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        let metrics = try await HTTP.send("GET", "\(server.base)/metrics").text
        XCTAssertTrue(metrics.contains(#"sparql_requests_total{operation="query",status="499"} 1"#), metrics)
        XCTAssertTrue(metrics.contains("sparql_workers_restarted_total 1"), metrics)
        XCTAssertFalse(metrics.contains("sparql_timeouts_total 1"), metrics)
    }

    func testAPortInUseIsNamed() throws {
        let store = try TestStore()
        let server = try ServerProcess(store: store.store)
        defer { server.stop() }
        let port = try XCTUnwrap(server.base.split(separator: ":").last.map(String.init))
        let second = try SharedTestPaths.runCoatt(["serve", "--store", store.store.path, "--port", port, "--workers", "1"])
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.stderr.contains("port \(port) is in use"), second.stderr)
    }

    func testSIGTERMFinishesTheRequestInFlightThenExitsZero() async throws {
        let store = try TestStore()
        let server = try ServerProcess(store: store.store)
        defer { server.stop(signal: SIGKILL) }
        let query = crossProduct(5)  // 14^5 = 537,824 rows: long enough to be in flight
        async let answer = Self.post(query, to: server)
        try await Task.sleep(for: .milliseconds(300))
        kill(server.process.processIdentifier, SIGTERM)
        let finished = try await answer
        XCTAssertEqual(finished.status, 200, finished.text + server.log)
        XCTAssertEqual(try JSONResultsReader.read(finished.body), .solutions(SolutionTable(variables: ["n"], rows: [[
            .literal("537824", datatype: "http://www.w3.org/2001/XMLSchema#integer")]])))
        XCTAssertEqual(server.stop(signal: SIGTERM), 0, server.log)
        XCTAssertTrue(server.log.contains("ms="), "the request was logged: \(server.log)")
        XCTAssertTrue(server.log.contains("stopped: every request answered"), "the end was logged: \(server.log)")
    }
}
