import RDFModel
import Store
import XCTest

/// Integers beyond 32 bits, which rasqal 0.9.33 keeps in a C int: arithmetic on them wrapped
/// (`rasqal_integer_arithmetic.c`), and those read from data or computed were typed xsd:decimal
/// (`rasqal_big_integers.c`). They are exact and keep their integer datatype.
final class BigIntegerTests: XCTestCase {
    private let xsd = "http://www.w3.org/2001/XMLSchema#"

    private func terms(_ store: Store, _ sparql: String) throws -> [RDFTerm?] {
        guard case .solutions(let cursor) = try store.query(sparql) else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.flatMap { $0 }
    }

    private func integers(_ values: [String]) -> [RDFTerm?] { values.map { .literal($0, datatype: xsd + "integer") } }

    func testSumsDifferencesAndProductsBeyondAnIntAreExactIntegers() throws {
        let store = try Store(.memory)
        let results = try terms(store, """
            SELECT (2000000000 + 2000000000 AS ?sum) (-2000000000 - 2000000000 AS ?difference) (65536 * 65536 AS ?product)
                   (-(-2147483647 - 1) AS ?negated) (ABS(-2147483647 - 1) AS ?absolute) (3000000000 * 3000000000 AS ?square)
                   (3000000000 - 2999999999 AS ?small) {}
            """)
        XCTAssertEqual(results, integers(["4000000000", "-4000000000", "4294967296", "2147483648", "2147483648", "9000000000000000000", "1"]))
    }

    func testResultsThatFitStayIntegers() throws {
        let store = try Store(.memory)
        XCTAssertEqual(try terms(store, "SELECT (2147483646 + 1 AS ?a) (-2147483647 - 1 AS ?b) (46340 * 46340 AS ?c) (-(5) AS ?d) {}"),
                       integers(["2147483647", "-2147483648", "2147395600", "-5"]))
    }

    /// A big integer read from data keeps its datatype (xsd:decimal until 2026-11-27), through
    /// arithmetic, casts and constructed triples.
    func testBigIntegersFromDataKeepTheirDatatype() throws {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(.iri("http://ex/a"), .iri("http://ex/n"), .literal("3000000000", datatype: xsd + "integer")))
            try add(Quad(.iri("http://ex/b"), .iri("http://ex/n"), .literal("9000000000", datatype: xsd + "long")))
        }
        let rows = try terms(store, """
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT (DATATYPE(?n) AS ?type) (?n + 1 AS ?next) (-?n AS ?negated) (xsd:integer(?n) AS ?cast) (xsd:decimal(?n) AS ?decimal)
                   (STR(?n) AS ?text) { ?s <http://ex/n> ?n } ORDER BY ?s
            """)
        XCTAssertEqual(rows, [
            .iri(xsd + "integer"), .literal("3000000001", datatype: xsd + "integer"), .literal("-3000000000", datatype: xsd + "integer"),
            .literal("3000000000", datatype: xsd + "integer"), .literal("3000000000", datatype: xsd + "decimal"), .literal("3000000000"),
            .iri(xsd + "long"), .literal("9000000001", datatype: xsd + "integer"), .literal("-9000000000", datatype: xsd + "integer"),
            .literal("9000000000", datatype: xsd + "integer"), .literal("9000000000", datatype: xsd + "decimal"), .literal("9000000000"),
        ])
        XCTAssertEqual(try terms(store, "SELECT (DATATYPE(3000000000) AS ?t) (<\(xsd)integer>(3.0E10) AS ?c) {}"),
                       [.iri(xsd + "integer"), .literal("30000000000", datatype: xsd + "integer")])
        guard case .graph(let triples) = try store.query("CONSTRUCT { ?s <http://ex/next> ?m } WHERE { ?s <http://ex/n> ?n BIND(?n + 1 AS ?m) }") else {
            return XCTFail("no graph")
        }
        XCTAssertEqual(Set(triples.map(\.object)), [.literal("3000000001", datatype: xsd + "integer"), .literal("9000000001", datatype: xsd + "integer")])
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
        XCTAssertEqual(results[0], .literal("3153000000", datatype: xsd + "integer"))
        guard case .literal(let mean, nil, xsd + "decimal")? = results[1] else { return XCTFail("\(String(describing: results[1]))") }
        XCTAssertEqual(Decimal(string: mean), 1_051_000_000)
    }
}
