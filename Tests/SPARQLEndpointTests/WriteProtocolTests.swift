import Foundation
import RDFModel
import SPARQLResults
import XCTest

/// SPARQL Update and the Graph Store Protocol over real HTTP, on an endpoint started with a token.
/// Each test has its own store, since they change it.
final class WriteProtocolTests: XCTestCase {
    private let token = "test-token-\(UUID().uuidString)"
    private var store: TestStore!
    private var server: ServerProcess!

    override func setUpWithError() throws {
        continueAfterFailure = false  // each step builds on the one before
        store = try TestStore()
        server = try ServerProcess(store: store.store, token: token)
    }

    override func tearDown() {
        server?.stop()
        server = nil
        store = nil
    }

    private func update(_ text: String, authorization: String?) async throws -> HTTPResult {
        var headers = ["Content-Type": "application/x-www-form-urlencoded"]
        headers["Authorization"] = authorization
        return try await HTTP.send("POST", "\(server.base)/sparql", headers: headers, body: Data(HTTP.form([("update", text)]).utf8))
    }

    private func ask(_ query: String) async throws -> Bool {
        let answer = try await HTTP.send("GET", "\(server.base)/sparql?\(HTTP.form([("query", query)]))")
        guard case .boolean(let value) = try JSONResultsReader.read(answer.body) else { throw ServerFailure("not an ASK answer: \(answer.text)") }
        return value
    }

    func testUpdateNeedsTheTokenAndIsVisibleToTheNextQuery() async throws {
        let insert = "INSERT DATA { GRAPH <http://example.org/new> { <http://e/a> <http://e/b> \"c\" } }"
        let missing = try await update(insert, authorization: nil)
        XCTAssertEqual(missing.status, 401)
        XCTAssertTrue(missing.headers["www-authenticate"]?.hasPrefix("Bearer") ?? false)
        let wrong = try await update(insert, authorization: "Bearer wrong")
        XCTAssertEqual(wrong.status, 401)
        let written = try await ask("ASK { <http://e/a> ?p ?o }")
        XCTAssertFalse(written, "a refused update wrote nothing")

        let accepted = try await update(insert, authorization: "Bearer \(token)")
        XCTAssertTrue((200..<300).contains(accepted.status), "\(accepted.status) \(accepted.text)")
        let visible = try await ask("ASK { GRAPH <http://example.org/new> { <http://e/a> <http://e/b> \"c\" } }")
        XCTAssertTrue(visible)
        XCTAssertFalse(server.log.contains(token), "the token must never reach the log")
    }

    /// Relative IRIs resolve against the endpoint's URL, never against the server's directory.
    func testRelativeIRIsResolveAgainstTheEndpoint() async throws {
        let inserted = try await update(#"INSERT DATA { GRAPH <relative> { <a> <b> "c" } }"#, authorization: "Bearer \(token)")
        XCTAssertTrue((200..<300).contains(inserted.status), "\(inserted.status) \(inserted.text)")
        let visible = try await ask(#"ASK { GRAPH <\#(server.base)/relative> { <\#(server.base)/a> ?p "c" } }"#)
        XCTAssertTrue(visible)
        let viaQuery = try await ask(#"ASK { GRAPH <relative> { <a> ?p "c" } }"#)
        XCTAssertTrue(viaQuery, "a query resolves them the same way")
    }

    func testLoadOfALocalFileIsRefusedAndWritesNothing() async throws {
        let before = try store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", format: "csv")
        for load in ["LOAD <file:///etc/passwd>", "LOAD <file:///etc/passwd> INTO GRAPH <http://example.org/passwd>"] {
            let answer = try await update(load, authorization: "Bearer \(token)")
            XCTAssertEqual(answer.status, 403, answer.text)
        }
        XCTAssertEqual(try store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", format: "csv"), before)
    }

    func testGraphStoreProtocol() async throws {
        let graph = "\(server.base)/rdf-graphs?graph=\(HTTP.encode("http://example.org/gsp"))"
        let auth = ["Authorization": "Bearer \(token)"]
        let first = Data("<http://e/s> <http://e/p> \"one\" .\n".utf8)
        let second = Data("<http://e/s> <http://e/p> \"two\" .\n".utf8)
        func triples() async throws -> (Int, Set<Quad>) {
            let answer = try await HTTP.send("GET", graph, headers: ["Accept": "application/n-triples"])
            return (answer.status, answer.status == 200 ? Set(try NTriplesReader.quads(from: answer.text)) : [])
        }

        let unauthorised = try await HTTP.send("PUT", graph, headers: ["Content-Type": "text/turtle"], body: first)
        XCTAssertEqual(unauthorised.status, 401)
        let put = try await HTTP.send("PUT", graph, headers: auth.merging(["Content-Type": "text/turtle"]) { $1 }, body: first)
        XCTAssertTrue((200..<300).contains(put.status), "\(put.status) \(put.text)")
        let afterPut = try await triples()
        XCTAssertEqual(afterPut.1, Set(try NTriplesReader.quads(from: String(decoding: first, as: UTF8.self))))

        let post = try await HTTP.send("POST", graph, headers: auth.merging(["Content-Type": "application/n-triples"]) { $1 }, body: second)
        XCTAssertTrue((200..<300).contains(post.status), "\(post.status) \(post.text)")
        let afterPost = try await triples()
        XCTAssertEqual(afterPost.1.count, 2)

        let turtle = try await HTTP.send("GET", graph, headers: ["Accept": "text/turtle"])
        XCTAssertEqual(turtle.mediaType, "text/turtle")
        XCTAssertEqual(try store.triples(of: turtle.body, fileExtension: "ttl").count, 2)

        let badSyntax = try await HTTP.send("PUT", graph, headers: auth.merging(["Content-Type": "text/turtle"]) { $1 }, body: Data("<a> <b".utf8))
        XCTAssertEqual(badSyntax.status, 400, badSyntax.text)
        let afterFailedPut = try await triples()
        XCTAssertEqual(afterFailedPut.1.count, 2, "a failed PUT changes nothing")

        let delete = try await HTTP.send("DELETE", graph, headers: auth)
        XCTAssertTrue((200..<300).contains(delete.status), "\(delete.status) \(delete.text)")
        let afterDelete = try await triples()
        XCTAssertEqual(afterDelete.0, 404)
    }
}
