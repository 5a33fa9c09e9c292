import RDFModel
import Store
import XCTest

/// Group counts over one triple pattern are computed by SQLite (``GroupCountPlan``); each must
/// answer exactly what rasqal answers for the same query, which `FILTER(true)` sends down
/// rasqal's own path.
final class GroupCountTests: XCTestCase {
    private func iri(_ name: String) -> RDFTerm { .iri("http://example.org/" + name) }

    /// Types in two graphs (one triple in both), a literal-valued property, and the default graph.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        let type = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        try store.write { add in
            for n in 0..<7 { try add(Quad(iri("e\(n)"), type, iri(n % 3 == 0 ? "A" : n % 3 == 1 ? "B" : "C"), graph: iri("g1"))) }
            for n in 5..<9 { try add(Quad(iri("e\(n)"), type, iri(n % 2 == 0 ? "A" : "D"), graph: iri("g2"))) }
            try add(Quad(iri("e5"), type, iri("C"), graph: iri("g2")))
            for n in 0..<4 { try add(Quad(iri("e\(n)"), iri("label"), .literal(n < 2 ? "x" : "y"))) }
        }
        return store
    }

    private func rows(_ store: Store, _ sparql: String) throws -> [[RDFTerm?]] {
        guard case .solutions(let cursor) = try store.query(sparql) else { XCTFail("not a SELECT answer: \(sparql)"); return [] }
        var rows: [[RDFTerm?]] = []
        while let row = cursor.next() { rows.append(row) }
        return rows
    }

    func testCountsEqualRasqalsOwnAnswers() throws {
        let store = try makeStore()
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        let cases: [(pattern: String, rest: String)] = [
            ("?x \(rdfType) ?c", "GROUP BY ?c ORDER BY DESC(?n) ?c"),
            ("?x \(rdfType) ?c", "GROUP BY ?c ORDER BY ?c LIMIT 2 OFFSET 1"),
            ("?x \(rdfType) ?c", "GROUP BY ?c ORDER BY ?n ?c LIMIT 3"),
            ("GRAPH <http://example.org/g2> { ?x \(rdfType) ?c }", "GROUP BY ?c ORDER BY ?c"),
            ("GRAPH <http://example.org/absent> { ?x \(rdfType) ?c }", "GROUP BY ?c"),
            ("?x ?p ?o", "GROUP BY ?p ORDER BY ?p"),
            ("?x <http://example.org/label> ?o", "GROUP BY ?o ORDER BY ?o"),
        ]
        for (pattern, rest) in cases {
            for count in ["COUNT(?x)", "COUNT(*)"] {
                let pushed = "SELECT ?\(rest.split(separator: "?")[1].prefix { $0.isLetter }) (\(count) AS ?n) WHERE { \(pattern) } \(rest)"
                let viaRasqal = pushed.replacingOccurrences(of: "{ \(pattern) }", with: "{ \(pattern) FILTER(true) }")
                XCTAssertEqual(try rows(store, pushed), try rows(store, viaRasqal), pushed)
            }
        }
        // And FROM: two graphs merged, the triple in both counted once.
        let from = "SELECT ?c (COUNT(?x) AS ?n) FROM <http://example.org/g1> FROM <http://example.org/g2> WHERE { ?x \(rdfType) ?c } GROUP BY ?c ORDER BY ?c"
        XCTAssertEqual(try rows(store, from), try rows(store, from.replacingOccurrences(of: "?c }", with: "?c FILTER(true) }")))
        // A: e0 e3 e6 (in both graphs, once) e8; B: e1 e4; C: e2 e5 (in both, once); D: e5 e7.
        XCTAssertEqual(try rows(store, from).map { $0[1]?.value }, ["4", "2", "2", "2"])
    }
}
