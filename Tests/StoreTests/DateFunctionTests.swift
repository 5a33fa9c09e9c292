import RDFModel
import Store
import XCTest

/// YEAR, MONTH and DAY of xsd:date values, which rasqal 0.9.33 alone answers with an error
/// (`DateFunctionRewrite`); xsd:dateTime values as before; SECONDS in canonical decimal form.
final class DateFunctionTests: XCTestCase {
    private let date = "http://www.w3.org/2001/XMLSchema#date"

    func testDatePartsOfEveryLexicalForm() throws {
        let store = try Store(.memory)
        let values: [(String, RDFTerm)] = [
            ("a", .literal("2020-01-05", datatype: date)), ("b", .literal("1879-03-14Z", datatype: date)),
            ("c", .literal("-0044-03-15", datatype: date)), ("d", .literal("2006-08-23+02:00", datatype: date)),
            ("e", .literal("12345-11-30-05:00", datatype: date)),
            ("f", .literal("2021-07-04T10:20:30Z", datatype: "http://www.w3.org/2001/XMLSchema#dateTime")),
            ("g", .literal("2021-07-04")),
        ]
        try store.write { add in
            for (name, value) in values { try add(Quad(.iri("http://ex/" + name), .iri("http://ex/p"), value)) }
        }
        guard case .solutions(let cursor) = try store.query(
            "SELECT ?s (YEAR(?d) AS ?y) (MONTH(?d) AS ?m) (day(?d) AS ?n) { ?s <http://ex/p> ?d } ORDER BY ?s") else { return XCTFail() }
        let rows = sequence(state: cursor) { $0.next() }.map { row in row.dropFirst().map { $0?.value ?? "-" }.joined(separator: " ") }
        XCTAssertEqual(rows, ["2020 1 5", "1879 3 14", "-44 3 15", "2006 8 23", "12345 11 30", "2021 7 4", "- - -"])
    }

    /// A typed constant is read as a variable's value is.
    func testDatePartsOfAConstant() throws {
        let store = try Store(.memory)
        guard case .solutions(let cursor) = try store.query("""
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT (YEAR("1999-12-31Z"^^xsd:date) AS ?y) (MONTH("2020-03-04"^^<http://www.w3.org/2001/XMLSchema#date>) AS ?m)
                   (DAY("2021-07-04T10:20:30Z"^^xsd:dateTime) AS ?d) (YEAR("1999"^^xsd:gYear) AS ?g) {}
            """) else { return XCTFail() }
        let rows = sequence(state: cursor) { $0.next() }.map { row in row.map { $0?.value ?? "-" } }
        XCTAssertEqual(rows, [["1999", "3", "4", "-"]])
    }

    /// rasqal wrote every fraction of a second with six digits ("7.500000").
    func testSecondsAreWrittenWithTheDigitsTheyHave() throws {
        let store = try Store(.memory)
        guard case .solutions(let cursor) = try store.query("""
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT ?s { VALUES ?t { "2020-03-04T05:06:07.5Z" "2020-03-04T05:06:07.050Z" "2020-03-04T05:06:59.123456Z" }
              BIND(SECONDS(xsd:dateTime(?t)) AS ?s) }
            """) else { return XCTFail() }
        let seconds = sequence(state: cursor) { $0.next() }.map { $0[0]?.value ?? "-" }
        XCTAssertEqual(seconds, ["7.5", "7.05", "59.123456"])
    }
}
