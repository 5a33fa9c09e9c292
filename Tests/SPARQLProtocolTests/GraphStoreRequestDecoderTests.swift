import Foundation
import SPARQLProtocol
import XCTest

final class GraphStoreRequestDecoderTests: XCTestCase {
    private let decoder = GraphStoreRequestDecoder(limits: EndpointLimits(maxBodyBytes: 100))
    private let turtle = Data("<a:s> <a:p> <a:o> .".utf8)

    func testGetNamedAndDefault() throws {
        let named = try decoder.decode(ProtocolRequest(method: "GET", query: "graph=http%3A%2F%2Fex.org%2Fg", accept: "application/n-triples"))
        XCTAssertEqual(named.operation, .graphGet(graph: "http://ex.org/g"))
        XCTAssertEqual(named.acceptable, ["application/n-triples"])
        XCTAssertEqual(try decoder.decode(ProtocolRequest(method: "HEAD", query: "default")).operation, .graphGet(graph: nil))
    }

    func testWrites() throws {
        let put = try decoder.decode(ProtocolRequest(method: "PUT", query: "graph=urn%3Ag", contentType: "text/turtle; charset=utf-8", body: turtle))
        XCTAssertEqual(put.operation, .graphPut(graph: "urn:g", body: turtle, mediaType: "text/turtle"))
        XCTAssertEqual(put.baseIRI, "urn:g")
        let post = try decoder.decode(ProtocolRequest(method: "POST", query: "default", contentType: "application/x-turtle", body: turtle))
        XCTAssertEqual(post.operation, .graphPost(graph: nil, body: turtle, mediaType: "text/turtle"))
        XCTAssertEqual(try decoder.decode(ProtocolRequest(method: "DELETE", query: "graph=urn%3Ag")).operation, .graphDelete(graph: "urn:g"))
        XCTAssertTrue(put.operation.writes)
    }

    func testTargetMustBeExactlyOneAbsoluteGraph() {
        for query in [nil, "graph=urn%3Ag&default", "graph=relative", "graph=urn%3Aa&graph=urn%3Ab", "graph=http%3A%2F%2Fa%20b"] {
            assertRefused(400) { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "GET", query: query)) }
        }
    }

    func testBodyTypeAndSize() {
        assertRefused(415, "application/json") { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "PUT", query: "default", contentType: "application/json", body: turtle))
        }
        assertRefused(415) { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "POST", query: "default", body: turtle)) }
        assertRefused(413) { () throws(ProtocolError) in
            try decoder.decode(ProtocolRequest(method: "PUT", query: "default", contentType: "text/turtle", body: Data(count: 101)))
        }
        assertRefused(405) { () throws(ProtocolError) in try decoder.decode(ProtocolRequest(method: "PATCH", query: "default")) }
    }
}
