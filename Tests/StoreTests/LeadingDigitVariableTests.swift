import RDFModel
import Store
import XCTest

/// Variables named from a digit (`?1a`), which SPARQL allows and rasqal 0.9.33 refused as an
/// "Invalid SPARQL name": Oxigraph names the variables of the patterns it sends SERVICE
/// endpoints so (`LeadingDigitVariableRewrite`).
final class LeadingDigitVariableTests: XCTestCase {
    private func store() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(.iri("http://ex/a"), .iri("http://ex/p"), .literal("x")))
            try add(Quad(.iri("http://ex/b"), .iri("http://ex/p"), .literal("y")))
        }
        return store
    }

    private func answer(_ store: Store, _ sparql: String) throws -> (variables: [String], rows: [[String]]) {
        guard case .solutions(let cursor) = try store.query(sparql) else { throw XCTSkip("not a SELECT") }
        return (cursor.variables, sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" } })
    }

    func testAQueryAnswersUnderTheNamesItWrote() throws {
        let store = try store()
        let ordered = try answer(store, "SELECT ?1a (COUNT(*) AS ?2n) { ?1a ?6ae57b ?o FILTER(?o != \"z\") } GROUP BY ?1a ORDER BY DESC(?1a)")
        XCTAssertEqual(ordered.variables, ["1a", "2n"])
        XCTAssertEqual(ordered.rows, [["http://ex/b", "1"], ["http://ex/a", "1"]])
        XCTAssertEqual(try answer(store, "SELECT * { ?1a ?p \"x\" }").variables, ["1a", "p"])
        // A variable named like a renamed one is read back without the prefix too; $-variables are renamed alike.
        XCTAssertEqual(try answer(store, "SELECT $9 { $9 ?p \"y\" }").rows, [["http://ex/b"]])
    }

    func testAnUpdateTemplateReadsTheWhereClausesDigitVariables() throws {
        let store = try store()
        let summary = try store.update("INSERT { ?1s <http://ex/q> ?2o } WHERE { ?1s <http://ex/p> ?2o }", baseIRI: nil, policy: RemotePolicy())
        XCTAssertEqual(summary.inserted, 2)
        XCTAssertEqual(try answer(store, "SELECT ?o { <http://ex/a> <http://ex/q> ?o }").rows, [["x"]])
    }
}
