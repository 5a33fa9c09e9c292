import Foundation
import QueryWorkers
import SPARQLProtocol
import XCTest

/// SPARQL Update and the Graph Store Protocol through the pool's writer, seen by its readers.
final class PoolWriteTests: XCTestCase {
    private static let graph = "http://example.org/new"

    private var fixture: PoolFixture!
    private var pool: WorkerPool!

    override func setUp() async throws {
        fixture = try PoolFixture()
        pool = try await fixture.pool(readers: 2, timeout: .seconds(2))
    }

    override func tearDown() async throws {
        await pool?.shutdown()
        pool = nil
        fixture = nil
    }

    private func update(_ sparql: String) async -> EndpointReply {
        await pool.execute(EndpointRequest(operation: .update(sparql)))
    }

    /// The first column of a query's CSV answer, one value per row.
    private func values(_ sparql: String) async -> [String] {
        let reply = await pool.execute(.query(sparql, accept: ["text/csv"]))
        XCTAssertEqual(reply.status, .ok, reply.message)
        return reply.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
    }

    func testUpdatesAreSeenByEveryReader() async throws {
        let first = await update("INSERT DATA { GRAPH <\(Self.graph)> { <http://example.org/x> <http://example.org/p> \"fresh term\" } }")
        XCTAssertEqual(first.status, .ok, first.message)
        XCTAssertEqual(first.count, 1)
        // Both readers (each asked several times) see the write and its new term.
        for _ in 0..<4 {
            let seen = await values("SELECT ?o { <http://example.org/x> <http://example.org/p> ?o }")
            XCTAssertEqual(seen, ["fresh term"])
        }
        let dropped = await update("DROP GRAPH <\(Self.graph)>")
        XCTAssertEqual(dropped.status, .ok, dropped.message)
        let gone = await values("SELECT ?o { <http://example.org/x> <http://example.org/p> ?o }")
        XCTAssertEqual(gone, [])
    }

    func testConcurrentWritesAreSerialisedAndAllApplied() async throws {
        let pool = try XCTUnwrap(pool)
        let replies = await withTaskGroup(of: EndpointReply.self) { group in
            for i in 0..<10 {
                let insert = "INSERT DATA { <http://example.org/w\(i)> <http://example.org/p> \(i) }"
                group.addTask { await pool.execute(EndpointRequest(operation: .update(insert))) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(replies.map(\.status), Array(repeating: .ok, count: 10))
        let count = await values("SELECT (COUNT(*) AS ?n) { ?s <http://example.org/p> ?o }")
        XCTAssertEqual(count, ["10"])
    }

    func testRefusedAndMalformedUpdatesChangeNothing() async throws {
        let load = await update("LOAD <file:///etc/passwd>")
        XCTAssertEqual(load.status, .forbidden, load.message)
        XCTAssertTrue(load.message.contains("file:///etc/passwd"), load.message)
        let syntax = await update("INSERT DATA { <http://example.org/a> <http://example.org/p> }")
        XCTAssertEqual(syntax.status, .badRequest, syntax.message)
        let service = await pool.execute(.query("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"))
        XCTAssertEqual(service.status, .forbidden)
        let count = await values("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        XCTAssertEqual(count, ["2000"])
    }

    func testAnUpdateKilledAtTheTimeLimitWritesNothing() async throws {
        let runaway = await update("INSERT { ?a <http://example.org/p> ?c } WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }")
        XCTAssertEqual(runaway.status, .timeout, runaway.message)
        let written = await values("SELECT ?s { ?s <http://example.org/p> ?o } LIMIT 1")
        XCTAssertEqual(written, [])
        let next = await update("INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }")
        XCTAssertEqual(next.status, .ok, "the writer was replaced: \(next.message)")
    }

    func testGraphStorePutGetPostDelete() async throws {
        let turtle = Data("<http://example.org/a> <http://example.org/p> \"one\" .".utf8)
        let put = await pool.execute(EndpointRequest(operation: .graphPut(graph: Self.graph, body: turtle, mediaType: "text/turtle")))
        XCTAssertEqual(put.status, .ok, put.message)
        XCTAssertEqual(put.message, "created")
        let more = Data("<http://example.org/b> <http://example.org/p> \"two\" .".utf8)
        let post = await pool.execute(EndpointRequest(operation: .graphPost(graph: Self.graph, body: more, mediaType: "application/n-triples")))
        XCTAssertEqual(post.status, .ok, post.message)
        XCTAssertNotEqual(post.message, "created")
        let get = await pool.execute(EndpointRequest(operation: .graphGet(graph: Self.graph), acceptable: ["application/n-triples"]))
        XCTAssertEqual(get.status, .ok, get.message)
        XCTAssertEqual(get.text.split(separator: "\n").sorted(), [
            #"<http://example.org/a> <http://example.org/p> "one" ."#, #"<http://example.org/b> <http://example.org/p> "two" ."#,
        ])
        let delete = await pool.execute(EndpointRequest(operation: .graphDelete(graph: Self.graph)))
        XCTAssertEqual(delete.status, .ok, delete.message)
        XCTAssertEqual(delete.count, 2)
        let missing = await pool.execute(EndpointRequest(operation: .graphGet(graph: Self.graph)))
        XCTAssertEqual(missing.status, .notFound)
    }

    func testMalformedGraphBodyIsABadRequestWithItsLine() async throws {
        let broken = Data("<http://example.org/a> <http://example.org/p> \"one\" .\n<http://example.org/b> <oops".utf8)
        let put = await pool.execute(EndpointRequest(operation: .graphPut(graph: "http://example.org/g1", body: broken, mediaType: "text/turtle")))
        XCTAssertEqual(put.status, .badRequest, put.message)
        XCTAssertTrue(put.message.contains("2"), put.message)
        let kept = await values("SELECT (COUNT(*) AS ?n) FROM <http://example.org/g1> { ?s ?p ?o }")
        XCTAssertEqual(kept, ["1000"])
    }
}

/// Bodies of megabytes each way: a Graph Store PUT and the GET of the same graph.
final class PoolLargeBodyTests: XCTestCase {
    func testMegabyteGraphGoesInAndComesBackWhole() async throws {
        let fixture = try PoolFixture()
        let pool = try await fixture.pool(readers: 1, timeout: .seconds(60), maxRows: 100_000)
        let lines = (0..<40_000).map { "<http://example.org/big/\($0)> <http://example.org/p> \"value number \($0) with some padding text\" ." }
        let body = Data(lines.joined(separator: "\n").utf8)
        XCTAssertGreaterThan(body.count, 3 << 20)
        let put = await pool.execute(EndpointRequest(operation: .graphPut(graph: "http://example.org/big", body: body,
                                                                          mediaType: "application/n-triples")))
        XCTAssertEqual(put.status, .ok, put.message)
        XCTAssertEqual(put.count, 40_000)
        let get = await pool.execute(EndpointRequest(operation: .graphGet(graph: "http://example.org/big"),
                                                     acceptable: ["application/n-triples"]))
        XCTAssertEqual(get.status, .ok, get.message)
        XCTAssertEqual(get.text.split(separator: "\n").sorted(), lines.sorted().map { Substring($0) })
        await pool.shutdown()
    }
}
