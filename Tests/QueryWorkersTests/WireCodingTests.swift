import Foundation
@testable import QueryWorkers
import SPARQLProtocol
import XCTest

final class WireCodingTests: XCTestCase {
    func testRepliesComeBackAsSent() throws {
        let replies = [
            EndpointReply(status: .ok, mediaType: "application/sparql-results+json", body: Data("{\"head\":{}}".utf8), count: 21),
            EndpointReply(status: .badRequest, message: "syntax error at line 2: « ?x » ü"),
            EndpointReply(status: .timeout, body: Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0) }), count: -1),
            EndpointReply(status: .failed),
        ]
        for reply in replies {
            XCTAssertEqual(WireCoding.decodeReply(WireCoding.encodeReply(reply)), reply)
            // A slice of a larger buffer (as frames are read) decodes the same.
            let framed = Data([9, 9, 9]) + WireCoding.encodeReply(reply)
            XCTAssertEqual(WireCoding.decodeReply(framed[framed.startIndex.advanced(by: 3)...]), reply)
        }
    }

    func testRequestsComeBackAsSent() throws {
        let turtle = Data("<a> <b> \"ü\" .".utf8)
        let operations: [EndpointOperation] = [
            .query("SELECT * { ?s ?p \"é\" }"), .update("CLEAR ALL"), .graphGet(graph: nil), .graphGet(graph: "http://g"),
            .graphPut(graph: "http://g", body: turtle, mediaType: "text/turtle"), .graphPost(graph: nil, body: Data(), mediaType: "application/n-triples"),
            .graphDelete(graph: "http://g"), .graphDelete(graph: nil),
        ]
        var requests = operations.map { WorkerRequest.sparql(EndpointRequest(operation: $0)) }
        requests.append(.sparql(EndpointRequest(operation: .query("ASK {}"), defaultGraphURIs: ["http://a", "http://b"], namedGraphURIs: ["http://n"],
                                                acceptable: ["text/csv", "application/sparql-results+json"], baseIRI: "http://base/")))
        requests.append(.extract(PostExtractionRequest(text: "Obama in Paris")))
        requests.append(.extract(PostExtractionRequest(text: "", id: "p1", image: Data([0xFF, 0xD8, 0, 1]), format: "turtle", store: true)))
        for request in requests {
            XCTAssertEqual(try WireCoding.decodeRequest(WireCoding.encodeRequest(request)), request)
        }
        let encoded = WireCoding.encodeRequest(requests[requests.count - 3])
        for cut in [0, 1, 2, 6, encoded.count - 1] {
            XCTAssertThrowsError(try WireCoding.decodeRequest(encoded.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertThrowsError(try WireCoding.decodeRequest(Data([2])), "an unknown kind of request")
        XCTAssertThrowsError(try WireCoding.decodeRequest(Data([0, 9])), "an unknown operation")
        XCTAssertThrowsError(try WireCoding.decodeRequest(Data([0, 0, 0xFF, 0xFF, 0xFF, 0xFF])), "a text longer than the frame")
    }

    func testCutOrForeignPayloadsAreRefused() throws {
        let encoded = WireCoding.encodeReply(EndpointReply(status: .ok, mediaType: "text/csv", message: "m", count: 3))
        for cut in [0, 3, 4, 5, encoded.count - 9] {
            XCTAssertNil(WireCoding.decodeReply(encoded.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertNil(WireCoding.decodeReply(Data("{\"status\":\"ok\"}".utf8)))
        XCTAssertNil(WireCoding.decodeReply(Data([0, 0, 0, 4]) + Data("nope".utf8) + Data(count: 16)), "an unknown status")
    }
}
