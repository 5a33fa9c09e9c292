import Foundation
import SharedTestPaths
import SPARQLResults
import XCTest

/// SERVICE through the endpoint, over real HTTP both ways: a `coatt serve` allowed to ask another
/// one (`--allow`, `--service-endpoint`), and what a client gets when the endpoint it names is
/// not allowed, fails, or fails under SILENT.
final class FederatedQueryTests: XCTestCase {
    nonisolated(unsafe) private static var fixture: Result<(store: TestStore, remote: ServerProcess, front: ServerProcess), any Error>?
    private static let remoteIRI = "http://remote.example/sparql"
    private static let failingIRI = "http://failing.example/sparql"

    override class func setUp() {
        super.setUp()
        fixture = Result {
            let store = try TestStore()
            let remote = try ServerProcess(store: store.store)
            let front = try ServerProcess(store: store.store, arguments: [
                "--allow", remoteIRI, "--allow", failingIRI,
                "--service-endpoint", "\(remoteIRI)=\(remote.base)/sparql",
                "--service-endpoint", "\(failingIRI)=http://127.0.0.1:1/sparql",
            ])
            return (store, remote, front)
        }
    }

    override class func tearDown() {
        if case .success(let running) = fixture {
            running.front.stop()
            running.remote.stop()
        }
        fixture = nil
        super.tearDown()
    }

    private func ask(_ query: String) async throws -> HTTPResult {
        let base = try XCTUnwrap(Self.fixture).get().front.base
        return try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/sparql-query",
                                                                       "Accept": "application/sparql-results+json"],
                                   body: Data(query.utf8))
    }

    func testAnAllowedEndpointIsAskedAndItsAnswerJoined() async throws {
        let answer = try await ask("""
            PREFIX ex: <http://example.org/>
            SELECT ?s ?age { ?s a ex:Person SERVICE <\(Self.remoteIRI)> { ?s ex:age ?age } }
            """)
        XCTAssertEqual(answer.status, 200, answer.text)
        guard case .solutions(let table) = try JSONResultsReader.read(answer.body) else { return XCTFail(answer.text) }
        XCTAssertEqual(table.rows.count, 1, answer.text)
        XCTAssertEqual(table.rows.first?.first??.value, "http://example.org/alice")
        XCTAssertEqual(table.rows.first?.last??.value, "30")
    }

    func testAnEndpointOffTheAllowListIsForbidden() async throws {
        let answer = try await ask("SELECT * { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
        XCTAssertEqual(answer.status, 403, answer.text)
        XCTAssertTrue(answer.text.contains("not allowed"), answer.text)
    }

    func testAFailingEndpointIsABadGatewayUnlessTheServiceIsSilent() async throws {
        let failed = try await ask("SELECT * { SERVICE <\(Self.failingIRI)> { ?s ?p ?o } }")
        XCTAssertEqual(failed.status, 502, failed.text)
        XCTAssertTrue(failed.text.contains(Self.failingIRI), failed.text)
        let silent = try await ask("SELECT * { SERVICE SILENT <\(Self.failingIRI)> { ?s ?p ?o } }")
        XCTAssertEqual(silent.status, 200, silent.text)
        guard case .solutions(let table) = try JSONResultsReader.read(silent.body) else { return XCTFail(silent.text) }
        XCTAssertEqual(table.rows.count, 1, "one solution that binds nothing: \(silent.text)")
    }

    /// The command line reaches endpoints from its crash-isolation child, a process of its own
    /// (until 2026-11-27 a forked one, where URLSession waited forever: LOAD never returned):
    /// SERVICE in a query and in an update's WHERE clause, and LOAD.
    func testTheCommandLineAsksEndpointsAndLoadsDocumentsOverHTTP() throws {
        let remote = try XCTUnwrap(Self.fixture).get().remote.base
        let query = try TestStore.coatt(["query", "--store", "memory", "--allow", Self.remoteIRI,
                                         "--service-endpoint", "\(Self.remoteIRI)=\(remote)/sparql", "--format", "csv",
                                         "SELECT ?age { SERVICE <\(Self.remoteIRI)> { <http://example.org/alice> <http://example.org/age> ?age } }"])
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout.split(whereSeparator: \.isNewline), ["age", "30"])
        let insert = try TestStore.coatt(["update", "--store", "memory", "--allow", Self.remoteIRI,
                                          "--service-endpoint", "\(Self.remoteIRI)=\(remote)/sparql", "--dump",
                                          "INSERT { ?s <http://e/copiedAge> ?age } WHERE { SERVICE <\(Self.remoteIRI)> { ?s <http://example.org/age> ?age } }"])
        XCTAssertEqual(insert.status, 0, insert.stderr)
        XCTAssertEqual(insert.stdout, "<http://example.org/alice> <http://e/copiedAge> \"30\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n")
        let graph = "\(remote)/rdf-graphs?graph=\(HTTP.encode(TestStore.placesGraph))"
        let load = try TestStore.coatt(["update", "--store", "memory", "--allow", remote, "--dump", "LOAD <\(graph)>"])
        XCTAssertEqual(load.status, 0, load.stderr)
        XCTAssertEqual(load.stdout.split(whereSeparator: \.isNewline).count, 3, load.stdout)
    }

    /// `Queries/federated/dbpedia-abstracts.rq` as written, with a local endpoint standing in for
    /// DBpedia's (no test reaches the internet): the linked people get the abstracts it holds.
    func testTheFederatedExampleQueryJoinsLinkedMentionsWithTheEndpointsAbstracts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-federated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let abstracts = folder.appendingPathComponent("abstracts.ttl"), posts = folder.appendingPathComponent("posts.ttl")
        try """
            @prefix dbr: <http://dbpedia.org/resource/> . @prefix dbo: <http://dbpedia.org/ontology/> .
            dbr:Ada_Lovelace dbo:abstract "Ada Lovelace was a mathematician."@en, "Ada Lovelace war eine Mathematikerin."@de .
            dbr:Alan_Turing dbo:abstract "Alan Turing was a computer scientist."@en .
            """.write(to: abstracts, atomically: true, encoding: .utf8)
        try """
            @prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> . @prefix coatt: <https://w3id.org/coattkg/ns#> .
            @prefix dbr: <http://dbpedia.org/resource/> .
            <http://e/post1#char=0,3> coatt:nerType coatt:PER ; itsrdf:taIdentRef dbr:Ada_Lovelace .
            <http://e/post2#char=0,3> coatt:nerType coatt:PER ; itsrdf:taIdentRef dbr:Ada_Lovelace .
            <http://e/post3#char=0,5> coatt:nerType coatt:LOC ; itsrdf:taIdentRef dbr:Alan_Turing .
            """.write(to: posts, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("dbpedia.store")
        let loaded = try TestStore.coatt(["load", "--store", store.path, abstracts.path])
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
        let dbpedia = try ServerProcess(store: store)
        defer { dbpedia.stop() }
        let answer = try TestStore.coatt([
            "query", "--data", posts.path, "--file", SharedTestPaths.packageRoot.path + "/Queries/federated/dbpedia-abstracts.rq",
            "--allow", "https://dbpedia.org/sparql", "--service-endpoint", "https://dbpedia.org/sparql=\(dbpedia.base)/sparql",
            "--format", "tsv"])
        XCTAssertEqual(answer.status, 0, answer.stderr)
        XCTAssertEqual(answer.stdout.split(whereSeparator: \.isNewline).dropFirst(), [
            "<http://dbpedia.org/resource/Ada_Lovelace>\t\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>\t\"Ada Lovelace was a mathematician.\"@en"])
    }
}
