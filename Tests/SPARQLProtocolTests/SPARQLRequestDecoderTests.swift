import Foundation
import SPARQLProtocol
import XCTest

final class SPARQLRequestDecoderTests: XCTestCase {
    private let decoder = SPARQLRequestDecoder(limits: EndpointLimits(maxBodyBytes: 1000, maxQueryLength: 100))
    private let query = "SELECT * { ?s ?p ?o }"

    private func operation(_ request: ProtocolRequest) throws -> EndpointRequest {
        guard case .operation(let decoded) = try decoder.decode(request) else {
            XCTFail("expected an operation")
            throw ProtocolError.badRequest("not an operation")
        }
        return decoded
    }

    private func form(_ body: String, query: String? = nil, accept: String? = nil) -> ProtocolRequest {
        ProtocolRequest(method: "POST", query: query, contentType: "application/x-www-form-urlencoded", accept: accept, body: Data(body.utf8))
    }

    func testGetQueryWithDataset() throws {
        let request = try operation(ProtocolRequest(
            method: "get", query: "query=SELECT+*+%7B+%3Fs+%3Fp+%3Fo+%7D&default-graph-uri=http%3A%2F%2Fex.org%2Fg1"
                + "&named-graph-uri=http%3A%2F%2Fex.org%2Fn1&named-graph-uri=http%3A%2F%2Fex.org%2Fn2&unknown=ignored",
            accept: "text/csv"))
        XCTAssertEqual(request.operation, .query(query))
        XCTAssertEqual(request.defaultGraphURIs, ["http://ex.org/g1"])
        XCTAssertEqual(request.namedGraphURIs, ["http://ex.org/n1", "http://ex.org/n2"])
        XCTAssertEqual(request.acceptable, ["text/csv"])
    }

    func testGetWithoutQueryIsTheServiceDescription() throws {
        XCTAssertEqual(try decoder.decode(ProtocolRequest(method: "GET")), .serviceDescription)
        XCTAssertEqual(try decoder.decode(ProtocolRequest(method: "GET", query: "default-graph-uri=urn%3Ax")), .serviceDescription)
    }

    func testFormPostQueryAndUpdate() throws {
        let posted = try operation(form("query=SELECT+*+%7B+%3Fs+%3Fp+%3Fo+%7D", query: "format=json"))
        XCTAssertEqual(posted.operation, .query(query))
        XCTAssertEqual(posted.acceptable, [EndpointMediaTypes.sparqlResultsJSON])

        let update = try operation(form("update=INSERT+DATA+%7B%3Ca%3A1%3E+%3Ca%3A2%3E+%3Ca%3A3%3E%7D"))
        XCTAssertEqual(update.operation, .update("INSERT DATA {<a:1> <a:2> <a:3>}"))
        XCTAssertEqual(update.acceptable, [])
    }

    func testDirectPosts() throws {
        let queried = try operation(ProtocolRequest(method: "POST", query: "named-graph-uri=urn%3An",
                                                    contentType: "application/sparql-query; charset=UTF-8", body: Data(query.utf8)))
        XCTAssertEqual(queried.operation, .query(query))
        XCTAssertEqual(queried.namedGraphURIs, ["urn:n"])
        let updated = try operation(ProtocolRequest(method: "POST", contentType: "application/sparql-update", body: Data("CLEAR ALL".utf8)))
        XCTAssertEqual(updated.operation, .update("CLEAR ALL"))
    }

    func testQueryAndUpdateTogetherOrNeitherIs400() {
        assertRefused(400, "not both") { () throws(ProtocolError) in try decoder.decode(form("query=ASK%7B%7D&update=CLEAR+ALL")) }
        assertRefused(400, "neither") { () throws(ProtocolError) in try decoder.decode(form("format=json")) }
        assertRefused(400, "given 2 times") { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "GET", query: "query=ASK%7B%7D&query=ASK%7B%7D")) }
        assertRefused(400) { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "POST", query: "query=ASK%7B%7D", contentType: "application/sparql-query", body: Data("ASK{}".utf8)))
        }
    }

    func testUpdateByGetIsRefused() {
        assertRefused(400, "POST") { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "GET", query: "update=CLEAR+ALL")) }
    }

    func testUpdateDatasetParametersNameTheGraphsOfItsWhere() throws {
        guard case .operation(let request) = try decoder.decode(form("update=CLEAR+ALL&using-graph-uri=urn%3Aa&using-graph-uri=urn%3Ab&using-named-graph-uri=urn%3Ac")) else {
            return XCTFail("an update is an operation")
        }
        XCTAssertEqual(request.defaultGraphURIs, ["urn:a", "urn:b"])
        XCTAssertEqual(request.namedGraphURIs, ["urn:c"])
    }

    func testDatasetParametersOfTheOtherKindAre400() {
        assertRefused(400, "using-graph-uri") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "GET", query: "query=ASK%7B%7D&using-graph-uri=urn%3Ag"))
        }
        assertRefused(400, "default-graph-uri") { () throws(ProtocolError) in try decoder.decode(form("update=CLEAR+ALL&default-graph-uri=urn%3Ag")) }
        assertRefused(400, "absolute IRI") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "GET", query: "query=ASK%7B%7D&default-graph-uri=g%3E%20x"))
        }
    }

    func testEncodingErrorsAre400() {
        assertRefused(400, "UTF-8") { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "GET", query: "query=ASK%FF")) }
        assertRefused(400, "percent") { () throws(ProtocolError) in try decoder.decode(form("query=ASK%7")) }
        assertRefused(400, "UTF-8") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "POST", contentType: "application/sparql-query", body: Data([0x41, 0xFF])))
        }
        assertRefused(400, "empty") { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "GET", query: "query=+")) }
        assertRefused(400, "the update is empty") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "POST", contentType: "application/sparql-update", body: Data("# nothing to do\n".utf8)))
        }
    }

    /// Only white space and comments is no operation; a comment after one, or a `#` in an IRI, is.
    func testTextOfOnlyCommentsIsEmpty() {
        for empty in ["", " \t\r\n", "# a comment", "# one\n   # two\r\n", "#ASK {}"] {
            XCTAssertTrue(SPARQLText.isEmpty(empty), empty)
        }
        for operation in ["ASK {}", "# first\nASK {}", "ASK {} # last", "<http://e/#x>", "\u{A0}"] {
            XCTAssertFalse(SPARQLText.isEmpty(operation), operation)
        }
    }

    func testWrongContentTypeIs415() {
        for contentType in [nil, "text/plain", "application/json", "application/sparql-query; charset=latin1"] {
            assertRefused(415) { () throws(ProtocolError) in
                try decoder.decode(ProtocolRequest(method: "POST", contentType: contentType, body: Data("ASK {}".utf8)))
            }
        }
    }

    func testSizeLimitsAre413() {
        assertRefused(413, "1000 bytes") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "POST", contentType: "application/sparql-query", body: Data(repeating: 0x20, count: 1001)))
        }
        let long = "ASK{}" + String(repeating: "#", count: 96)  // 101 characters
        assertRefused(413, "101 characters") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "POST", contentType: "application/sparql-query", body: Data(long.utf8)))
        }
        // Characters, not bytes: 100 two-byte characters fit.
        XCTAssertNoThrow(try decoder.decode(ProtocolRequest(method: "POST", contentType: "application/sparql-query",
                                                            body: Data(("ASK{}#" + String(repeating: "é", count: 94)).utf8))))
    }

    func testOtherMethodsAre405WithAllow() {
        do {
            _ = try decoder.decode(ProtocolRequest(method: "PUT"))
            XCTFail("PUT accepted")
        } catch {
            XCTAssertEqual(error.status, 405)
            XCTAssertEqual(error.headers["Allow"], "GET, POST, OPTIONS")
        }
    }

    func testUnsatisfiableAcceptIs406() {
        assertRefused(406) { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "GET", query: "query=ASK%7B%7D", accept: "image/png")) }
    }
}
