import Foundation
import SPARQLProtocol
import XCTest

final class WriteAuthorizationTests: XCTestCase {
    func testWithoutTokenEveryWriteIs403() {
        for token in [nil, ""] {
            let authorization = WriteAuthorization(token: token)
            XCTAssertFalse(authorization.writable)
            assertRefused(403, "read-only endpoint") { () throws(ProtocolError) in try authorization.check(authorization: "Bearer anything") }
        }
    }

    func testBearerTokenIsChecked() throws {
        let authorization = WriteAuthorization(token: "s3cret")
        XCTAssertNoThrow(try authorization.check(authorization: "Bearer s3cret"))
        XCTAssertNoThrow(try authorization.check(authorization: "bearer  s3cret "))
        for header in [nil, "Basic czNjcmV0", "Bearer s3cre", "Bearer s3cret2", "Bearer", "s3cret"] {
            do {
                try authorization.check(authorization: header)
                XCTFail("\(header ?? "nil") accepted")
            } catch {
                XCTAssertEqual(error.status, 401)
                XCTAssertTrue(error.headers["WWW-Authenticate"]?.hasPrefix("Bearer realm=") ?? false)
                XCTAssertFalse(error.message.contains("s3cret"))
            }
        }
    }
}

final class ProtocolResponseTests: XCTestCase {
    private let limits = EndpointLimits(timeout: .seconds(2))

    func testStatusesMapToHTTP() {
        let expected: [EndpointStatus: Int] = [.ok: 200, .badRequest: 400, .tooManyRows: 400, .forbidden: 403, .notFound: 404,
                                               .notAcceptable: 406, .timeout: 503, .crashed: 500, .failed: 500]
        for (status, code) in expected {
            let reply = EndpointReply(status: status, mediaType: "text/csv", body: Data("x".utf8), message: "why")
            XCTAssertEqual(ProtocolResponse(reply, limits: limits).status, code, "\(status)")
        }
    }

    func testOkCarriesTheBodyAndEmptyWritesAre204() {
        let ok = ProtocolResponse(EndpointReply(status: .ok, mediaType: "text/csv; charset=utf-8", body: Data("a\r\n".utf8)), limits: limits)
        XCTAssertEqual(ok.headers["Content-Type"], "text/csv; charset=utf-8")
        XCTAssertEqual(ok.headers["Vary"], "Accept", "the format was negotiated")
        XCTAssertEqual(ok.body, Data("a\r\n".utf8))
        XCTAssertEqual(ProtocolResponse(EndpointReply(status: .ok, count: 3), limits: limits).status, 204)
    }

    func testFailuresAreTextWithTheMessage() {
        let bad = ProtocolResponse(EndpointReply(status: .badRequest, message: "syntax error at line 1"), limits: limits)
        XCTAssertEqual(bad.headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertEqual(String(decoding: bad.body, as: UTF8.self), "syntax error at line 1\n")
        let timeout = ProtocolResponse(EndpointReply(status: .timeout), limits: limits)
        XCTAssertTrue(String(decoding: timeout.body, as: UTF8.self).contains("time limit of 2 s"))
        let busy = ProtocolResponse(EndpointReply(status: .failed, message: "server busy: 64 requests queued"), limits: limits)
        XCTAssertEqual(busy.status, 503)
        XCTAssertEqual(busy.headers["Retry-After"], "1")
        XCTAssertEqual(ProtocolResponse(.notAcceptable("no")).status, 406)
    }
}

final class ServiceDescriptionTests: XCTestCase {
    func testNamesEndpointLanguagesAndFormats() {
        let readOnly = ServiceDescription(endpoint: "http://127.0.0.1:7070/sparql", updates: false).turtle
        XCTAssertTrue(readOnly.contains("sd:endpoint <http://127.0.0.1:7070/sparql>"))
        XCTAssertTrue(readOnly.contains("format:SPARQL_Results_JSON"))
        XCTAssertFalse(readOnly.contains("SPARQL11Update"))
        XCTAssertTrue(ServiceDescription(endpoint: "http://x/sparql", updates: true).turtle.contains("sd:SPARQL11Update"))
        XCTAssertFalse(readOnly.contains("sd:BasicFederatedQuery"))
        XCTAssertTrue(ServiceDescription(endpoint: "http://x/sparql", updates: false, federates: true).turtle
            .contains("sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;"))
    }
}
