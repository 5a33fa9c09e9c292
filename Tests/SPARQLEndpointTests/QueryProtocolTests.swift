import Foundation
import RDFModel
import SPARQLResults
import XCTest

/// The SPARQL 1.1 Protocol for queries over real HTTP, against one read-only `coatt serve`.
final class QueryProtocolTests: XCTestCase {
    /// One store and server for the whole class (starting a server costs about a second).
    nonisolated(unsafe) private static var fixture: Result<(store: TestStore, server: ServerProcess), any Error>?

    override class func setUp() {
        super.setUp()
        fixture = Result { let store = try TestStore(); return (store, try ServerProcess(store: store.store)) }
    }

    override class func tearDown() {
        if case .success(let running) = fixture { running.server.stop() }
        fixture = nil
        super.tearDown()
    }

    private var store: TestStore { get throws { try XCTUnwrap(Self.fixture).get().store } }
    private var base: String { get throws { try XCTUnwrap(Self.fixture).get().server.base } }

    private let select = """
        PREFIX ex: <http://example.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?s ?label ?age ?o WHERE { ?s a ex:Person ; rdfs:label ?label . OPTIONAL { ?s ex:age ?age } OPTIONAL { ?s ex:note ?o } }
        """
    private let construct = "PREFIX ex: <http://example.org/> CONSTRUCT { ?s ex:friendOf ?o } WHERE { ?s ?p ?o }"

    private func get(_ query: String, accept: String? = nil, extra: [(String, String)] = []) async throws -> HTTPResult {
        try await HTTP.send("GET", "\(base)/sparql?\(HTTP.form([("query", query)] + extra))",
                            headers: accept.map { ["Accept": $0] } ?? [:])
    }

    func testEverySelectFormatMatchesTheCommandLine() async throws {
        let expected = try store.outcome(select)
        let cases: [(String, ResultsFidelity, (Data) throws -> QueryOutcome)] = [
            ("application/sparql-results+json", .exact, { try JSONResultsReader.read($0) }),
            ("application/sparql-results+xml", .exact, { try XMLResultsReader.read($0) }),
            ("text/csv", .csv, { .solutions(try CSVResultsReader.read(String(decoding: $0, as: UTF8.self))) }),
            ("text/tab-separated-values", .tsv, { .solutions(try TSVResultsReader.read(String(decoding: $0, as: UTF8.self))) }),
        ]
        for (mediaType, fidelity, read) in cases {
            let answer = try await get(select, accept: mediaType)
            XCTAssertEqual(answer.status, 200, answer.text)
            XCTAssertEqual(answer.mediaType, mediaType)
            let difference = resultsDifference(expected: expected, actual: try read(answer.body), options: ComparisonOptions(fidelity: fidelity))
            XCTAssertNil(difference, mediaType)
        }
    }

    func testAskInJSONAndXML() async throws {
        let ask = "ASK { <http://example.org/alice> <http://example.org/knows> <http://example.org/bob> }"
        XCTAssertEqual(try store.outcome(ask), .boolean(true))
        let json = try await get(ask, accept: "application/sparql-results+json"), xml = try await get(ask, extra: [("format", "xml")])
        XCTAssertEqual(try JSONResultsReader.read(json.body), .boolean(true))
        XCTAssertEqual(xml.mediaType, "application/sparql-results+xml")
        XCTAssertEqual(try XMLResultsReader.read(xml.body), .boolean(true))
    }

    func testEveryGraphFormatMatchesTheCommandLine() async throws {
        let expected = Set(try NTriplesReader.quads(from: store.query(construct, format: "ntriples")))
        XCTAssertEqual(expected.count, TestStore.size)
        for (mediaType, fileExtension) in [("text/turtle", "ttl"), ("application/n-triples", "nt"), ("application/rdf+xml", "rdf")] {
            let answer = try await get(construct, accept: mediaType)
            XCTAssertEqual(answer.status, 200, answer.text)
            XCTAssertEqual(answer.mediaType, mediaType)
            XCTAssertEqual(try store.triples(of: answer.body, fileExtension: fileExtension), expected, mediaType)
        }
        let nTriples = try await get(construct, accept: "application/n-triples")
        XCTAssertEqual(Set(try NTriplesReader.quads(from: nTriples.text)), expected)
    }

    func testGetAndBothPostsGiveTheSameAnswer() async throws {
        let query = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
        let byGet = try await get(query)
        let byForm = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                         body: Data(HTTP.form([("query", query)]).utf8))
        let direct = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/sparql-query"], body: Data(query.utf8))
        // '+' in a form is a space: the query must arrive intact, not as "COUNT(*)AS".
        let plusForm = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                           body: Data("query=SELECT+(COUNT(*)+AS+%3Fn)+%7B+%3Fs+%3Fp+%3Fo+%7D".utf8))
        for answer in [byGet, byForm, direct, plusForm] {
            XCTAssertEqual(answer.status, 200, answer.text)
            XCTAssertEqual(try JSONResultsReader.read(answer.body), try store.outcome(query))
        }
    }

    func testDatasetParametersChooseTheGraphs() async throws {
        let count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
        let places = try await get(count, extra: [("default-graph-uri", TestStore.placesGraph)])
        XCTAssertEqual(places.status, 200, places.text)
        XCTAssertEqual(try JSONResultsReader.read(places.body), .solutions(SolutionTable(variables: ["n"], rows: [[
            .literal("3", datatype: "http://www.w3.org/2001/XMLSchema#integer")]])))
        let named = try await get("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", extra: [("named-graph-uri", TestStore.peopleGraph)])
        XCTAssertEqual(try JSONResultsReader.read(named.body), .solutions(SolutionTable(variables: ["g"], rows: [[.iri(TestStore.peopleGraph)]])))
    }

    func testSyntaxErrorIs400WithTheParsersMessage() async throws {
        let answer = try await get("SELECT ?x WHERE { ?x ?y }")
        XCTAssertEqual(answer.status, 400)
        XCTAssertEqual(answer.mediaType, "text/plain")
        XCTAssertTrue(answer.text.localizedCaseInsensitiveContains("syntax error"), answer.text)
    }

    func testNegationTheStoreCannotAnswerIs400WithWhereItCan() async throws {
        let answer = try await get("SELECT ?s (EXISTS { ?s ?p 1 } AS ?one) { ?s ?p ?o } GROUP BY ?s")
        XCTAssertEqual(answer.status, 400)
        XCTAssertTrue(answer.text.contains("EXISTS and MINUS are answered by the store"), answer.text)
    }

    func testAnExpressionRasqalCannotEvaluateIs400WithItsMessage() async throws {
        let answer = try await get(#"SELECT * { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }"#)
        XCTAssertEqual(answer.status, 400)
        XCTAssertTrue(answer.text.contains(#"the pattern "(" is not a regular expression"#), answer.text)
    }

    func testRefusedRequests() async throws {
        let ask = "ASK {}"
        // 406: nothing we write, or nothing for this form.
        let unwritable = try await get(ask, accept: "image/png"), wrongForm = try await get(construct, accept: "text/csv")
        XCTAssertEqual(unwritable.status, 406)
        XCTAssertEqual(wrongForm.status, 406, wrongForm.text)
        // 415: a POST that is not a SPARQL request.
        let wrongType = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "text/plain"], body: Data(ask.utf8))
        XCTAssertEqual(wrongType.status, 415)
        // 400: invalid UTF-8 after percent-decoding; a query and an update at once.
        let invalidUTF8 = try await HTTP.send("GET", "\(base)/sparql?query=ASK%20%7B%7D%FF")
        XCTAssertEqual(invalidUTF8.status, 400)
        let both = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                       body: Data(HTTP.form([("query", ask), ("update", "CLEAR ALL")]).utf8))
        XCTAssertEqual(both.status, 400)
        // 400: an update sent as a query is the client's mistake, not the server's.
        let updateAsQuery = try await get("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
        XCTAssertEqual(updateAsQuery.status, 400, updateAsQuery.text)
        XCTAssertTrue(updateAsQuery.text.contains("SPARQL Update"), updateAsQuery.text)
        // An unknown parameter is ignored.
        let unknownParameter = try await get(ask, extra: [("no-such-parameter", "1")])
        XCTAssertEqual(unknownParameter.status, 200)
    }

    /// A client that asks `Expect: 100-continue` (curl, for bodies past 1 MiB) is told to go on at
    /// once, where it waited a second before sending its body anyway.
    func testExpectContinueIsAnsweredBeforeTheBody() async throws {
        let exchange = try await HTTP.postExpectingContinue("\(try base)/sparql", contentType: "application/sparql-query",
                                                            body: "ASK { ?s ?p ?o }", patience: .seconds(3))
        XCTAssertTrue(exchange.beforeBody.hasPrefix("HTTP/1.1 100 Continue\r\n"), exchange.beforeBody)
        XCTAssertTrue(exchange.afterBody.hasPrefix("HTTP/1.1 200"), exchange.afterBody)
        XCTAssertTrue(exchange.afterBody.contains("\"boolean\":true"), exchange.afterBody)
        // A body declared past --max-body (1 MiB) is refused before it is sent.
        let oversized = try await HTTP.postExpectingContinue("\(try base)/sparql", contentType: "application/sparql-query",
                                                             body: "ASK {}" + String(repeating: "#", count: 2 << 20), patience: .seconds(3))
        XCTAssertTrue(oversized.beforeBody.hasPrefix("HTTP/1.1 413"), oversized.beforeBody)
    }

    func testOversizedRequestsAre413() async throws {
        let tenMegabytes = Data(("ASK {}" + String(repeating: "#", count: 10 << 20)).utf8)
        let huge = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/sparql-query"], body: tenMegabytes)
        XCTAssertEqual(huge.status, 413, huge.text)
        // Within the body limit, beyond the query length (64 Ki characters).
        let long = "ASK {}" + String(repeating: " ", count: 70_000)
        let tooLong = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/sparql-query"], body: Data(long.utf8))
        XCTAssertEqual(tooLong.status, 413, tooLong.text)
        let after = try await get("ASK {}")
        XCTAssertEqual(after.status, 200, "the server still answers")
    }

    func testWritesOnAReadOnlyEndpointAre403() async throws {
        let update = try await HTTP.send("POST", "\(base)/sparql", headers: ["Content-Type": "application/sparql-update",
                                                                              "Authorization": "Bearer guess"],
                                         body: Data("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }".utf8))
        XCTAssertEqual(update.status, 403)
        XCTAssertTrue(update.text.contains("read-only endpoint"))
        let put = try await HTTP.send("PUT", "\(base)/rdf-graphs?default", headers: ["Content-Type": "text/turtle"], body: Data())
        XCTAssertEqual(put.status, 403)
        XCTAssertEqual(try store.outcome("ASK { <http://e/a> ?p ?o }"), .boolean(false))
    }

    func testServiceDescriptionIsTurtleNamingTheEndpoint() async throws {
        let answer = try await HTTP.send("GET", "\(base)/sparql")
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.mediaType, "text/turtle")
        let file = try store.file("service.ttl", answer.body)
        let endpoints = try store.query("SELECT ?e { ?s <http://www.w3.org/ns/sparql-service-description#endpoint> ?e }",
                                        format: "csv", data: [file])
        XCTAssertEqual(endpoints, "e\r\n\(try base)/sparql\r\n")
    }

    func testCORS() async throws {
        let preflight = try await HTTP.send("OPTIONS", "\(base)/sparql", headers: ["Origin": "http://editor.example",
                                                                                   "Access-Control-Request-Method": "POST"])
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.headers["access-control-allow-origin"], "*")
        XCTAssertTrue(preflight.headers["access-control-allow-methods"]?.contains("POST") ?? false)
        let answer = try await get("ASK {}", extra: []).headers
        XCTAssertNil(answer["access-control-allow-origin"], "no Origin, no CORS headers")
        let cross = try await HTTP.send("GET", "\(base)/sparql?query=ASK%7B%7D", headers: ["Origin": "http://editor.example"])
        XCTAssertEqual(cross.headers["access-control-allow-origin"], "*")
    }

    func testHealthAndMetrics() async throws {
        let health = try await HTTP.send("GET", "\(base)/health")
        XCTAssertEqual(health.status, 200)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: health.body) as? [String: Any])
        XCTAssertEqual(report["status"] as? String, "ok")
        XCTAssertEqual(report["workersAlive"] as? Int, 3)
        XCTAssertEqual(report["store"] as? String, try store.store.path)
        XCTAssertNotNil(report["uptimeSeconds"] as? Double)

        _ = try await get("ASK {}")
        let metrics = try await HTTP.send("GET", "\(base)/metrics")
        XCTAssertEqual(metrics.status, 200)
        for line in [#"sparql_requests_total{operation="query",status="200"}"#, "sparql_request_duration_seconds_bucket{",
                     "sparql_timeouts_total 0", "sparql_workers_restarted_total", "sparql_requests_in_flight"] {
            XCTAssertTrue(metrics.text.contains(line), "metrics lack \(line)")
        }
        // The read-only resources name what they allow.
        for path in ["/", "/health", "/metrics"] {
            let post = try await HTTP.send("POST", "\(base)\(path)", body: Data("x".utf8))
            XCTAssertEqual(post.status, 405, "POST \(path): \(post.text)")
            XCTAssertEqual(post.headers["allow"], "GET, HEAD", path)
        }
    }
}
