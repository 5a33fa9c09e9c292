import Foundation
import RDFModel
import Store
import XCTest

/// The PostgreSQL location against a real server. Runs only when $COATT_TEST_POSTGRESQL holds
/// librdf options for an empty scratch database, e.g.
/// `host='127.0.0.1',database='coatt_test',user='coatt',password='coatt'`.
final class PostgreSQLTests: XCTestCase {
    func testLoadQueryDropAndAFailedLoadThatLeavesNothing() throws {
        guard let options = ProcessInfo.processInfo.environment["COATT_TEST_POSTGRESQL"], !options.isEmpty else {
            throw XCTSkip("set COATT_TEST_POSTGRESQL to librdf options of a scratch PostgreSQL database to run this test")
        }
        let store = try Store(.postgresql(options: options))
        let graph = RDFTerm.iri("http://example.org/test-\(UUID().uuidString)")
        defer { _ = try? store.drop(graph: graph) }
        let quads = (0..<3).map { Quad(.iri("http://example.org/s"), .iri("http://example.org/p"), .literal("v\($0)"), graph: graph) }
        XCTAssertEqual(try store.write { add in try quads.forEach(add) }, 3)
        struct Stop: Error {}
        XCTAssertThrowsError(try store.write { add in
            try add(Quad(.iri("http://example.org/s"), .iri("http://example.org/p"), .literal("new"), graph: graph))
            throw Stop()
        })
        var seen: [Quad] = []
        try store.forEachQuad(in: graph) { seen.append($0) }
        XCTAssertEqual(Set(seen.map(\.object)), Set(quads.map(\.object)), "the failed write left nothing behind")
        XCTAssertEqual(try store.drop(graph: graph), 3)
    }
}
