import RDFModel
import Store
import XCTest

/// Dates and dateTimes keep the text they were written with, and their timezones are written as
/// XML Schema writes them (`rasqal_datetime_texts.c`): rasqal wrote an offset such as -05:30 as
/// bytes of no character, and replaced every date's text with its canonical form.
final class DateTimeTextTests: XCTestCase {
    private let dateTime = "http://www.w3.org/2001/XMLSchema#dateTime"

    private func row(_ store: Store, _ sparql: String) throws -> [String] {
        guard case .solutions(let cursor) = try store.query("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n" + sparql),
              let row = cursor.next() else {
            XCTFail("no solution: \(sparql)")
            return []
        }
        return row.map { $0?.value ?? "-" }
    }

    func testTimezoneFunctionsOfEveryOffset() throws {
        let store = try Store(.memory)
        let expected: [(offset: String, tz: String, timezone: String)] = [
            ("-05:30", "-05:30", "-PT5H30M"), ("+05:45", "+05:45", "PT5H45M"), ("+14:00", "+14:00", "PT14H"),
            ("-10:05", "-10:05", "-PT10H5M"), ("Z", "Z", "PT0S"), ("+00:00", "Z", "PT0S"), ("", "", "-"),
        ]
        for (offset, tz, timezone) in expected {
            let value = "\"2020-05-06T07:08:09\(offset)\"^^xsd:dateTime"
            XCTAssertEqual(try row(store, "SELECT (TZ(\(value)) AS ?tz) (TIMEZONE(\(value)) AS ?t) (STR(\(value)) AS ?s) (HOURS(\(value)) AS ?h) {}"),
                           [tz, timezone, "2020-05-06T07:08:09\(offset)", "7"], offset)
        }
        // A cast from a string keeps the string as the value's text (as a cast to a number does).
        XCTAssertEqual(try row(store, #"SELECT (STR(xsd:dateTime("2020-05-06T07:08:09.50-05:30")) AS ?s) {}"#), ["2020-05-06T07:08:09.50-05:30"])
    }

    func testDatesKeepTheTextTheyWereWrittenWith() throws {
        let store = try Store(.memory)
        let texts = ["2020-05-06T07:08:09.50Z", "2020-05-06T07:08:09+00:00", "2020-05-06T07:08:09-05:30"]
        try store.write { add in
            try add(Quad(.iri("http://e/loaded"), .iri("http://e/p"), .literal(texts[0], datatype: dateTime)))
        }
        let inserted = texts.dropFirst().map { "\"\($0)\"^^xsd:dateTime" }.joined(separator: ", ")
        _ = try store.update("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nINSERT DATA { <http://e/inserted> <http://e/p> \(inserted) }",
                             baseIRI: nil, policy: RemotePolicy())
        guard case .solutions(let cursor) = try store.query("SELECT ?o (STR(?o) AS ?text) { ?s <http://e/p> ?o }") else { return XCTFail() }
        let rows = sequence(state: cursor) { $0.next() }.map { [$0[0]?.value, $0[1]?.value] }
        XCTAssertEqual(Set(rows.compactMap { $0[0] }), Set(texts))
        for row in rows { XCTAssertEqual(row[0], row[1]) }
        XCTAssertEqual(try row(store, #"SELECT (STR("2020-05-06T07:08:09.50Z"^^xsd:dateTime) AS ?s) ("2020-05-06T07:08:09.50Z"^^xsd:dateTime = "2020-05-06T07:08:09.5Z"^^xsd:dateTime AS ?same) {}"#),
                       ["2020-05-06T07:08:09.50Z", "true"])
    }
}
