import RDFModel
import Store
import XCTest

/// Sums of numbers written without a space after the operator, which rasqal 0.9.33 alone adds
/// before the multiplications that follow (`3+1*2` was 8) and, from three in one sum, parses into
/// a corrupted heap and an aborted process (`NumericSignRewrite`).
final class ArithmeticTests: XCTestCase {
    private func values(_ store: Store, _ sparql: String) throws -> [String] {
        guard case .solutions(let cursor) = try store.query(sparql) else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.flatMap { $0.map { $0?.value ?? "-" } }
    }

    func testSignedNumbersAfterAnOperandAreAddedAndSubtracted() throws {
        let store = try Store(.memory)
        XCTAssertEqual(try values(store, "SELECT (3+1*2 AS ?a) (?n-2*3 AS ?b) (1+1+1+1 AS ?c) (?n+1+1+1 AS ?d) (1-1-1-1 AS ?e) { VALUES ?n { 1 } }"),
                       ["5", "-5", "4", "4", "-2"])
        XCTAssertEqual(try values(store, "SELECT ?n { VALUES ?n { 1 -1 } FILTER(?n > -2+1+1+1) }"), [])
        // Signed numbers as terms stay so: in a VALUES row and as a pattern's object.
        XCTAssertEqual(try values(store, "SELECT ?a ?b { VALUES (?a ?b) { (1 -1) } }"), ["1", "-1"])
        try store.write { add in try add(Quad(.iri("http://ex/s"), .iri("http://ex/p"), .literal("-1", datatype: Vocabulary.xsdInteger))) }
        XCTAssertEqual(try values(store, "SELECT ?s { ?s <http://ex/p> -1 }"), ["http://ex/s"])
    }

    /// SPARQL has no arithmetic on booleans (`coatt_either_is_boolean`): rasqal took true for 1.
    func testArithmeticOnABooleanIsAnError() throws {
        let store = try Store(.memory)
        XCTAssertEqual(try values(store, "SELECT (true + 1 AS ?a) (true * 2 AS ?b) (1 / true AS ?c) (1.5 - false AS ?d) (SUM(?v) AS ?e) (1 + 2 AS ?f) { VALUES ?v { true } }"),
                       ["-", "-", "-", "-", "-", "3"])
    }

    func testAnUpdateWithSuchASumIsParsed() throws {
        let store = try Store(.memory)
        _ = try store.update("INSERT DATA { <http://ex/s> <http://ex/n> 4, 5 } ; INSERT { ?s <http://ex/four> ?o } WHERE { ?s <http://ex/n> ?o FILTER(?o = 1+1+1+1) }",
                         baseIRI: nil, policy: RemotePolicy())
        XCTAssertEqual(try values(store, "SELECT ?x { <http://ex/s> <http://ex/four> ?x }"), ["4"])
    }
}
