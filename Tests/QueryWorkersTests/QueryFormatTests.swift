import Foundation
import QueryWorkers
import SPARQLProtocol
import XCTest

/// Queries through a real pool: every result format, negotiation, limits and refusals.
final class QueryFormatTests: XCTestCase {
    private static let select = "SELECT ?v { <http://example.org/s7> <http://example.org/value> ?v }"
    private static let construct = "CONSTRUCT { ?s <http://example.org/p> ?v } WHERE { ?s <http://example.org/value> ?v FILTER(?v < 2) }"

    private var fixture: PoolFixture!
    private var pool: WorkerPool!

    override func setUp() async throws {
        fixture = try PoolFixture()
        pool = try await fixture.pool(readers: 1, maxRows: 100)
    }

    override func tearDown() async throws {
        await pool?.shutdown()
        pool = nil
        fixture = nil
    }

    func testSelectInEachResultsFormat() async throws {
        let expected: [(accept: String, mediaType: String, body: String)] = [
            ("application/sparql-results+json", "application/sparql-results+json", #""value": "7""#),
            ("application/json", "application/sparql-results+json", #""value": "7""#),
            ("application/sparql-results+xml", "application/sparql-results+xml", "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">7</literal>"),
            ("text/csv", "text/csv; charset=utf-8", "v\r\n7\r\n"),
            ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?v\n\"7\"^^<http://www.w3.org/2001/XMLSchema#integer>\n"),
        ]
        for (accept, mediaType, body) in expected {
            let reply = await pool.execute(.query(Self.select, accept: [accept]))
            XCTAssertEqual(reply.status, .ok, "\(accept): \(reply.message)")
            XCTAssertEqual(reply.mediaType, mediaType, accept)
            XCTAssertTrue(reply.text.contains(body), "\(accept): \(reply.text)")
            XCTAssertEqual(reply.count, 1)
        }
    }

    func testAskAndWildcardsGiveTheDefaultFormat() async throws {
        let ask = await pool.execute(.query("ASK { ?s <http://example.org/value> 999 }", accept: ["*/*"]))
        XCTAssertEqual(ask.mediaType, "application/sparql-results+json")
        XCTAssertTrue(ask.text.contains(#""boolean": true"#) || ask.text.contains(#""boolean":true"#), ask.text)
        let none = await pool.execute(.query(Self.select))
        XCTAssertEqual(none.mediaType, "application/sparql-results+json")
        let text = await pool.execute(.query(Self.select, accept: ["image/png", "text/*"]))
        XCTAssertEqual(text.mediaType, "text/csv; charset=utf-8")
    }

    func testConstructInEachRDFSyntax() async throws {
        let turtle = await pool.execute(.query(Self.construct, accept: ["text/turtle;q=1.0"]))
        XCTAssertEqual(turtle.mediaType, "text/turtle; charset=utf-8")
        XCTAssertTrue(turtle.text.contains("<http://example.org/s1>"), turtle.text)
        XCTAssertEqual(turtle.count, 2)
        let ntriples = await pool.execute(.query(Self.construct, accept: ["application/n-triples"]))
        XCTAssertEqual(ntriples.mediaType, "application/n-triples")
        XCTAssertEqual(ntriples.text.split(separator: "\n").sorted(), [
            #"<http://example.org/s0> <http://example.org/p> "0"^^<http://www.w3.org/2001/XMLSchema#integer> ."#,
            #"<http://example.org/s1> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> ."#,
        ])
        let rdfxml = await pool.execute(.query(Self.construct, accept: ["*/*;q=0.1", "application/rdf+xml"]))
        XCTAssertEqual(rdfxml.mediaType, "text/turtle; charset=utf-8", "*/* comes first in the client's order")
        let xml = await pool.execute(.query(Self.construct, accept: ["application/rdf+xml"]))
        XCTAssertEqual(xml.mediaType, "application/rdf+xml")
        XCTAssertTrue(xml.text.contains("rdf:RDF"), xml.text)
    }

    func testUnwritableFormatIsNotAcceptable() async throws {
        let graphAsResults = await pool.execute(.query(Self.construct, accept: ["application/sparql-results+json"]))
        XCTAssertEqual(graphAsResults.status, .notAcceptable)
        XCTAssertTrue(graphAsResults.message.contains("text/turtle"), graphAsResults.message)
        let selectAsTurtle = await pool.execute(.query(Self.select, accept: ["text/turtle"]))
        XCTAssertEqual(selectAsTurtle.status, .notAcceptable)
    }

    func testDescribeAnswersAGraph() async throws {
        let reply = await pool.execute(.query("DESCRIBE ?s WHERE { ?s <http://example.org/value> 7 }", accept: ["application/n-triples"]))
        XCTAssertEqual(reply.status, .ok, reply.message)
        XCTAssertEqual(reply.mediaType, "application/n-triples")
        XCTAssertTrue(reply.text.contains("<http://example.org/s7> <http://example.org/value> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
                      reply.text)
    }

    func testMoreRowsThanTheLimitAreRefusedNotTruncated() async throws {
        let reply = await pool.execute(.query("SELECT ?s { ?s <http://example.org/value> ?v }"))
        XCTAssertEqual(reply.status, .tooManyRows, reply.message)
        XCTAssertTrue(reply.body.isEmpty)
        XCTAssertTrue(reply.message.contains("100"), reply.message)
        let exactlyAtTheLimit = await pool.execute(.query("SELECT ?s { ?s <http://example.org/value> ?v } LIMIT 100"))
        XCTAssertEqual(exactlyAtTheLimit.status, .ok)
        XCTAssertEqual(exactlyAtTheLimit.count, 100)
        let bigGraph = await pool.execute(.query("CONSTRUCT WHERE { ?s <http://example.org/value> ?v }"))
        XCTAssertEqual(bigGraph.status, .tooManyRows)
        XCTAssertTrue(bigGraph.message.contains("add a LIMIT"), bigGraph.message)
        // A Graph Store GET has no query to add a LIMIT to: the message says how to page instead.
        let wholeGraph = await pool.execute(EndpointRequest(operation: .graphGet(graph: "http://example.org/g1"), acceptable: ["application/n-triples"]))
        XCTAssertEqual(wholeGraph.status, .tooManyRows, wholeGraph.message)
        XCTAssertTrue(wholeGraph.message.contains("the graph has more than 100 triples") && wholeGraph.message.contains("CONSTRUCT"),
                      wholeGraph.message)
    }

    func testSyntaxErrorIsABadRequestWithRasqalsMessageAndLine() async throws {
        let reply = await pool.execute(.query("SELECT ?s\nWHERE { ?s ?p }"))
        XCTAssertEqual(reply.status, .badRequest)
        XCTAssertTrue(reply.message.contains("line 2"), reply.message)
    }

    func testServiceIsForbiddenAndNamed() async throws {
        let reply = await pool.execute(.query("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"))
        XCTAssertEqual(reply.status, .forbidden)
        XCTAssertTrue(reply.message.contains("<http://127.0.0.1:1/sparql>"), reply.message)
    }

    func testProtocolDatasetReplacesFromAndFromNamed() async throws {
        let count = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/g2> { ?s ?p ?o }"
        func n(_ request: EndpointRequest) async -> String {
            let reply = await pool.execute(request)
            return reply.status == .ok ? reply.text.components(separatedBy: "\r\n").dropFirst().joined(separator: ",") : reply.message
        }
        let csv = ["text/csv"]
        let fromQuery = await n(.query(count, accept: csv))
        XCTAssertEqual(fromQuery, "1000,")
        let overridden = await n(EndpointRequest(operation: .query(count), defaultGraphURIs: ["http://example.org/g1", "http://example.org/g2"],
                                                 acceptable: csv))
        XCTAssertEqual(overridden, "2000,")
        let namedOnly = await n(EndpointRequest(operation: .query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
                                                namedGraphURIs: ["http://example.org/g1"], acceptable: csv))
        XCTAssertEqual(namedOnly, "1000,")
        // The protocol's dataset replaces the query's whole dataset: its FROM goes too.
        let fromG2 = "SELECT ?s FROM <http://example.org/g2> { ?s <http://example.org/value> 600 }"
        let namedReplacesFrom = await n(EndpointRequest(operation: .query(fromG2), namedGraphURIs: ["http://example.org/g1"], acceptable: csv))
        XCTAssertEqual(namedReplacesFrom, "")
        let fromQueryAlone = await n(.query(fromG2, accept: csv))
        XCTAssertEqual(fromQueryAlone, "http://example.org/s600,")
    }
}
