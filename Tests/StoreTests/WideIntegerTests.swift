import RDFModel
import Store
import XCTest

/// Integer arithmetic whose result does not fit in 32 bits, which rasqal 0.9.33 alone computes in
/// a C int and wraps (`rasqal_integer_arithmetic.c`): the result is exact, an xsd:decimal as
/// rasqal keeps such integers read from data; results that fit stay xsd:integer.
final class WideIntegerTests: XCTestCase {
    private let xsd = "http://www.w3.org/2001/XMLSchema#"

    private func terms(_ store: Store, _ sparql: String) throws -> [RDFTerm?] {
        guard case .solutions(let cursor) = try store.query(sparql) else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.flatMap { $0 }
    }

    private func decimalValue(_ term: RDFTerm?) -> Decimal? {
        guard case .literal(let lexical, nil, let datatype)? = term, datatype == xsd + "decimal" else { return nil }
        return Decimal(string: lexical)
    }

    func testSumsDifferencesAndProductsBeyondAnIntAreExact() throws {
        let store = try Store(.memory)
        let results = try terms(store, """
            SELECT (2000000000 + 2000000000 AS ?sum) (-2000000000 - 2000000000 AS ?difference) (65536 * 65536 AS ?product)
                   (-(-2147483647 - 1) AS ?negated) (ABS(-2147483647 - 1) AS ?absolute) {}
            """)
        XCTAssertEqual(results.map(decimalValue), [4_000_000_000, -4_000_000_000, 4_294_967_296, 2_147_483_648, 2_147_483_648])
    }

    func testResultsThatFitStayIntegers() throws {
        let store = try Store(.memory)
        XCTAssertEqual(try terms(store, "SELECT (2147483646 + 1 AS ?a) (-2147483647 - 1 AS ?b) (46340 * 46340 AS ?c) (-(5) AS ?d) {}"),
                       ["2147483647", "-2147483648", "2147395600", "-5"].map { .literal($0, datatype: xsd + "integer") })
    }

    /// SUM adds with the same operation: populations of a few large countries overflowed it.
    func testSumOfLargeIntegers() throws {
        let store = try Store(.memory)
        try store.write { add in
            for (index, population) in ["1412000000", "1408000000", "333000000"].enumerated() {
                try add(Quad(.iri("http://ex/c\(index)"), .iri("http://ex/population"), .literal(population, datatype: xsd + "integer")))
            }
        }
        let results = try terms(store, "SELECT (SUM(?p) AS ?total) (AVG(?p) AS ?mean) { ?c <http://ex/population> ?p }")
        XCTAssertEqual(decimalValue(results[0]), 3_153_000_000)
        XCTAssertEqual(decimalValue(results[1]), 1_051_000_000)
    }
}
