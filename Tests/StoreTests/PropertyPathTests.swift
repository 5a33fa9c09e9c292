import RDFModel
import Store
import XCTest

/// SPARQL 1.1 property paths answered by the store (rasqal 0.9.33 cannot parse them): the walk
/// stays in the graph a pattern reads, repeated paths give each pair once while sequences keep
/// every way through, and a path of length zero reaches terms the store does not hold.
final class PropertyPathTests: XCTestCase {
    private func ex(_ name: String) -> RDFTerm { .iri("http://ex/" + name) }
    private let g1 = RDFTerm.iri("http://ex/g1"), g2 = RDFTerm.iri("http://ex/g2")

    /// A class hierarchy split over two graphs — Scientist ⊂ Person (g1), Person ⊂ Agent (g2) —
    /// with einstein a Scientist in both, and two ways from alice to carol (via bob and via dan).
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        let subClassOf = RDFTerm.iri("http://www.w3.org/2000/01/rdf-schema#subClassOf")
        let type = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        try store.write { add in
            try add(Quad(ex("Scientist"), subClassOf, ex("Person"), graph: g1))
            try add(Quad(ex("Person"), subClassOf, ex("Agent"), graph: g2))
            try add(Quad(ex("einstein"), type, ex("Scientist"), graph: g1))
            try add(Quad(ex("einstein"), type, ex("Scientist"), graph: g2))
            try add(Quad(ex("alice"), ex("knows"), ex("bob"), graph: g1))
            try add(Quad(ex("alice"), ex("knows"), ex("dan"), graph: g1))
            try add(Quad(ex("bob"), ex("knows"), ex("carol"), graph: g1))
            try add(Quad(ex("dan"), ex("knows"), ex("carol"), graph: g1))
            try add(Quad(ex("carol"), ex("knows"), ex("alice"), graph: g1))
        }
        return store
    }

    /// The solutions as lines of `?var=value` (IRIs without `http://ex/`), in the store's order.
    private func select(_ store: Store, _ body: String) throws -> [String] {
        let sparql = "PREFIX : <http://ex/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + body
        guard case .solutions(let cursor) = try store.query(sparql) else {
            XCTFail("no solutions")
            return []
        }
        var lines: [String] = []
        while let row = cursor.next() {
            lines.append(zip(cursor.variables, row).map { name, value in
                let text: String
                switch value {
                case .iri(let iri)?: text = iri.replacingOccurrences(of: "http://ex/", with: "")
                case let other?: text = other.ntriples
                case nil: text = "-"
                }
                return "\(name)=\(text)"
            }.joined(separator: " "))
        }
        return lines
    }

    func testTypesAreFoundThroughTheMergedDefaultGraphsHierarchy() throws {
        let store = try makeStore()
        // einstein's type is in two graphs: the merged default graph holds it once.
        XCTAssertEqual(try select(store, "SELECT ?class { :einstein a/rdfs:subClassOf* ?class }"),
                       ["class=Scientist", "class=Person", "class=Agent"])
        XCTAssertEqual(try select(store, "SELECT ?who { ?who a/rdfs:subClassOf+ :Agent }"), ["who=einstein"])
    }

    func testAPathStaysInsideTheGraphItIsMatchedIn() throws {
        let store = try makeStore()
        XCTAssertEqual(try select(store, "SELECT ?g ?class { GRAPH ?g { :Scientist rdfs:subClassOf+ ?class } } ORDER BY ?g ?class"),
                       ["g=g1 class=Person"])
        XCTAssertEqual(try select(store, "SELECT ?class FROM <http://ex/g2> { :einstein a/rdfs:subClassOf* ?class }"),
                       ["class=Scientist"])
    }

    func testSequencesKeepEveryWayThroughAndRepetitionsGiveEachPairOnce() throws {
        let store = try makeStore()
        XCTAssertEqual(try select(store, "SELECT ?x { :alice :knows/:knows ?x }"), ["x=carol", "x=carol"])
        XCTAssertEqual(try select(store, "SELECT ?x { :alice :knows+ ?x } ORDER BY ?x"), ["x=alice", "x=bob", "x=carol", "x=dan"])
        XCTAssertEqual(try select(store, "SELECT ?x { :carol ^:knows ?x } ORDER BY ?x"), ["x=bob", "x=dan"])
        // Every node reaches itself; the four people reach each other.
        XCTAssertEqual(try select(store, "SELECT (COUNT(*) AS ?n) { ?x :knows* ?y }"), ["n=\"20\"^^<http://www.w3.org/2001/XMLSchema#integer>"])
    }

    func testAPathOfLengthZeroReachesATermTheStoreLacks() throws {
        let store = try makeStore()
        XCTAssertEqual(try select(store, "SELECT ?x { :nobody :knows* ?x }"), ["x=nobody"])
        XCTAssertEqual(try select(store, "SELECT ?x { :nobody :knows+ ?x }"), [])
    }

    func testPathsJoinWithOtherPatternsOptionalsAndFilters() throws {
        let store = try makeStore()
        XCTAssertEqual(try select(store, """
            SELECT ?m ?friend { :alice :knows ?m OPTIONAL { ?m :knows/^:knows ?friend FILTER(?friend != ?m) } } ORDER BY ?m
            """), ["m=bob friend=dan", "m=dan friend=bob"])
        XCTAssertEqual(try select(store, "SELECT ?x { ?x !(:knows|a) ?y } ORDER BY ?x"), ["x=Person", "x=Scientist"])
    }

    func testDescribeFollowsAPathInItsWhereClause() throws {
        let store = try makeStore()
        guard case .graph(let quads) = try store.query("""
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            DESCRIBE ?c WHERE { <http://ex/Scientist> rdfs:subClassOf+ ?c }
            """) else { return XCTFail("no graph") }
        // Person and Agent are described; only Person is the subject of a triple.
        XCTAssertEqual(quads.map { [$0.subject, $0.object] }, [[ex("Person"), ex("Agent")]])
    }
}
