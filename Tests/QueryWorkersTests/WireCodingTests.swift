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

    func testCutOrForeignPayloadsAreRefused() throws {
        let encoded = WireCoding.encodeReply(EndpointReply(status: .ok, mediaType: "text/csv", message: "m", count: 3))
        for cut in [0, 3, 4, 5, encoded.count - 9] {
            XCTAssertNil(WireCoding.decodeReply(encoded.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertNil(WireCoding.decodeReply(Data("{\"status\":\"ok\"}".utf8)))
        XCTAssertNil(WireCoding.decodeReply(Data([0, 0, 0, 4]) + Data("nope".utf8) + Data(count: 16)), "an unknown status")
    }
}
