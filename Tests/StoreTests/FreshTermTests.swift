import RDFModel
import Store
import XCTest

/// Functions that make a new term per solution: UUID(), STRUUID() and BNODE(), which rasqal 0.9.33
/// folded into one constant when a BIND called them (`CRasqalOverrides`), and BNODE(string),
/// whose node it kept across solutions (`BlankNodeFunctionRewrite`).
final class FreshTermTests: XCTestCase {
    private func store() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for name in ["a", "b", "c"] { try add(Quad(.iri("http://ex/\(name)"), .iri("http://ex/p"), .literal("x"))) }
        }
        return store
    }

    private func column(_ store: Store, _ sparql: String, _ variable: String) throws -> [RDFTerm?] {
        guard case .solutions(let cursor) = try store.query(sparql), let index = cursor.variables.firstIndex(of: variable) else {
            XCTFail("no column \(variable)")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { $0[index] }
    }

    func testBindOfUUIDOrBNODEGivesEachSolutionItsOwn() throws {
        let store = try store()
        for expression in ["UUID()", "STRUUID()", "BNODE()"] {
            let values = try column(store, "SELECT ?v { ?s ?p ?o BIND(\(expression) AS ?v) }", "v")
            XCTAssertEqual(values.count, 3)
            XCTAssertEqual(Set(values.compactMap { $0 }).count, 3, expression)
        }
    }

    func testAnInsertMintsOneIRIPerSolution() throws {
        let store = try store()
        let summary = try store.update("INSERT { ?s <http://ex/id> ?id } WHERE { ?s ?p ?o BIND(IRI(CONCAT(\"urn:x:\", STRUUID())) AS ?id) }",
                                       baseIRI: nil, policy: RemotePolicy())
        XCTAssertEqual(summary.inserted, 3)
        XCTAssertEqual(Set(try column(store, "SELECT ?id { ?s <http://ex/id> ?id }", "id").compactMap { $0 }).count, 3)
    }

    func testBNODEOfAStringIsOneNodePerSolution() throws {
        let store = try store()
        guard case .solutions(let cursor) = try store.query("SELECT (BNODE(?o) AS ?a) (BNODE(?o) AS ?b) (BNODE(\"y\") AS ?c) { ?s ?p ?o }") else {
            return XCTFail("no solutions")
        }
        let rows = Array(sequence(state: cursor) { $0.next() })
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            XCTAssertTrue(row[0]?.isBlank == true)
            XCTAssertEqual(row[0], row[1], "the same string in one solution: the same node")
            XCTAssertNotEqual(row[0], row[2])
        }
        XCTAssertEqual(Set(rows.map { $0[0] }).count, 3, "another node in every solution")
        // Of a number or an IRI, BNODE is an error: the BIND leaves its variable unbound.
        XCTAssertEqual(try column(store, "SELECT ?b { ?s ?p ?o BIND(BNODE(?s) AS ?b) }", "b"), [nil, nil, nil])
        XCTAssertEqual(try column(store, "SELECT ?b { BIND(BNODE(1) AS ?b) }", "b"), [nil])
        // In a BIND too, and with a label N-Triples can write whatever the string.
        guard case .graph(let quads) = try store.query("CONSTRUCT { ?b <http://ex/q> ?s } WHERE { ?s ?p ?o BIND(BNODE(\"a b\") AS ?b) }") else {
            return XCTFail("no graph")
        }
        XCTAssertEqual(Set(quads.map(\.subject)).count, 3)
        for quad in quads {
            XCTAssertNotNil(quad.subject.value.range(of: "^[0-9a-f-]+$", options: .regularExpression), quad.subject.value)
        }
    }
}
