import RDFModel
import SQLiteStorage
import XCTest

/// EXISTS patterns asked in one graph per solution (a check inside `GRAPH ?g { … }`, or
/// `FILTER NOT EXISTS { GRAPH ?g { … } }` after a block binding ?g) are prepared once for all the
/// graphs, not once per graph or per solution.
final class GraphScopedCheckTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"
    private static let posts = 6

    /// Post k's graph has mentions m0 and m1; m0 is linked to an entity in the even posts.
    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        var quads: [Quad] = []
        for post in 0..<Self.posts {
            let graph = ex("post\(post)")
            quads += (0..<2).map { Quad(ex("post\(post)#m\($0)"), ex("refersTo"), ex("e\($0)"), graph: graph) }
            if post % 2 == 0 { quads.append(Quad(ex("post\(post)#m0"), ex("linked"), ex("e0"), graph: graph)) }
        }
        // m0 of post 1 is linked in another graph: that does not count inside post 1's.
        quads.append(Quad(ex("post1#m0"), ex("linked"), ex("e0"), graph: ex("elsewhere")))
        return try RasqalEngine.holding(quads)
    }

    private func answer(_ engine: RasqalEngine, _ query: String) throws -> [String] {
        try engine.sortedAnswer(Self.prefixes + query).rows
    }

    func testACheckInsideTheBlockIsPreparedOnce() throws {
        let engine = try makeEngine()
        let unlinked = try answer(engine, "SELECT ?m { GRAPH ?g { ?m :refersTo ?e FILTER NOT EXISTS { ?m :linked ?x FILTER(?x != :none) } } }")
        XCTAssertEqual(unlinked.count, 2 * Self.posts - Self.posts / 2)
        XCTAssertEqual(engine.checksPrepared, 1)
    }

    func testACheckOfTheBlocksGraphAfterItIsPreparedOnce() throws {
        let engine = try makeEngine()
        let inside = try answer(engine, "SELECT ?m { GRAPH ?g { ?m :refersTo ?e FILTER NOT EXISTS { ?m :linked ?x } } }")
        let after = try answer(engine, "SELECT ?m { GRAPH ?g { ?m :refersTo ?e } FILTER NOT EXISTS { GRAPH ?g { ?m :linked ?x } } }")
        XCTAssertEqual(after, inside)
        XCTAssertEqual(after.count, 2 * Self.posts - Self.posts / 2)
        XCTAssertEqual(engine.checksPrepared, 1)
        let linked = try answer(engine, "SELECT ?m { GRAPH ?g { ?m :refersTo ?e } FILTER EXISTS { GRAPH ?g { ?m :linked ?x FILTER(isIRI(?x)) } } }")
        XCTAssertEqual(linked.count, Self.posts / 2)
        XCTAssertEqual(engine.checksPrepared, 1)
    }
}
