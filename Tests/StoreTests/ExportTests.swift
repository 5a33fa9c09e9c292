import RDFModel
import Store
import XCTest

/// Reading the store back out: the default graph on its own (`coatt store dump default`).
final class ExportTests: XCTestCase {
    func testTheDefaultGraphIsVisitedAlone() throws {
        let store = try Store(.memory)
        let inDefault = Quad(.iri("http://e/a"), .iri("http://e/p"), .literal("default"))
        try store.write { add in
            try add(inDefault)
            try add(Quad(.iri("http://e/a"), .iri("http://e/p"), .literal("named"), graph: .iri("http://e/g")))
        }
        var visited: [Quad] = []
        try store.forEachQuadOfTheDefaultGraph { visited.append($0) }
        XCTAssertEqual(visited, [inDefault])
    }
}
