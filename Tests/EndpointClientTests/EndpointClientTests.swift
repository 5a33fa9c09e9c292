import Foundation
import SharedTestPaths
import XCTest

/// The SPARQL endpoint as its users meet it: the real `coatt serve` over real HTTP on 127.0.0.1,
/// queried with SPARQLWrapper, rdflib and curl (clients/*.py), every answer parsed by a parser
/// independent of ours and compared with `coatt query` on the same store; bad input and faults;
/// the W3C SPARQL 1.1 Protocol tests.
final class EndpointClientTests: XCTestCase {
    private static let sample = PythonClients.folder.appendingPathComponent("sample.ttl")

    /// SPARQLWrapper (JSON, XML, CSV, TSV; CONSTRUCT as Turtle, N-Triples, RDF/XML), rdflib's
    /// SPARQLStore and SPARQLUpdateStore (with the token) and curl (GET, POST direct, POST form):
    /// each answer equals `coatt query --format tsv` (or `ntriples`) of the same query.
    func testRealClientsAgreeWithTheCommandLine() async throws {
        _ = try PythonClients.python()
        let server = try await ServedStore(loading: [Self.sample], timeoutSeconds: 20)
        defer { server.stop() }
        try PythonClients.run("real_clients.py", against: server, ["--coatt", server.binary, "--store", server.store.path])
    }

    /// A 10 MB query, deep nesting, invalid UTF-8, an unknown parameter, a wrong content type, updates
    /// without or with a wrong token, LOAD of a local file, SERVICE to a loopback port, a runaway
    /// cartesian product (503 at the limit while point lookups keep being answered), a client hanging
    /// up mid-answer, a worker SIGKILLed mid-query: each gets its status, the server keeps serving,
    /// and the store is byte for byte what it was.
    func testFaultsGetTheirStatusAndChangeNothing() async throws {
        _ = try PythonClients.python()
        let timeout = 3
        let server = try await ServedStore(loading: [Self.sample], timeoutSeconds: timeout)
        defer { server.stop() }
        let before = try server.dump()
        try PythonClients.run("faults.py", against: server,
                              ["--timeout", String(timeout), "--worker-marker", server.store.path])
        XCTAssertEqual(try server.dump(), before, "the store changed during the fault checks")
    }

    /// The W3C SPARQL 1.1 Protocol tests (sparql11/protocol), replayed over HTTP on a scratch store:
    /// all 34 pass (the three whose updates start with DROP ALL since it is given to rasqal as CLEAR ALL).
    func testW3CProtocolTests() async throws {
        _ = try PythonClients.python()
        let manifest = try SharedTestPaths.data("sparql-tests/sparql11/protocol/manifest.ttl")
        let server = try await ServedStore(loading: [], timeoutSeconds: 20)
        defer { server.stop() }
        let lines = try PythonClients.run("w3c_protocol.py", against: server, ["--manifest", manifest.path])
        XCTAssertEqual(lines.filter { $0.hasPrefix("PASS ") }.count, 34, lines.joined(separator: "\n"))
    }
}
