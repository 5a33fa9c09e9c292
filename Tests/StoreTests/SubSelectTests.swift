import RDFModel
import SQLiteStorage
import XCTest

/// A FILTER or BIND over the rows of a sub-SELECT that rasqal sorts or groups: rasqal evaluated
/// them against whatever values its variables last held, since those rows bound none
/// (`rasqal_row_bindings.c`).
final class SubSelectTests: XCTestCase {
    private func rows(_ sparql: String) throws -> [String] {
        let engine = try RasqalEngine(database: try QuadDatabase(path: ":memory:"))
        guard case .solutions(let cursor) = try engine.query(sparql) else {
            XCTFail("no solutions: \(sparql)")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { $0.map { $0.map(\.value) ?? "-" }.joined(separator: " ") }
    }

    private let letters = #"VALUES (?k ?v) { ("a" "p") ("b" "q") ("c" "r") }"#

    func testAFilterOverASortedSubSelectTestsEachRow() throws {
        XCTAssertEqual(try rows(#"SELECT ?k ?v { { SELECT ?k ?v { \#(letters) } ORDER BY ?k } FILTER(?v = "q") }"#), ["b q"])
        XCTAssertEqual(try rows(#"SELECT ?k ?v { { SELECT ?k ?v { \#(letters) } ORDER BY DESC(?k) LIMIT 2 } FILTER(?v != "r") }"#), ["b q"])
    }

    func testABindAfterASortedSubSelectTakesItsOwnRowsValues() throws {
        XCTAssertEqual(try rows(#"SELECT ?k ?u { { SELECT ?k ?v { \#(letters) } ORDER BY ?k } BIND(UCASE(?v) AS ?u) }"#),
                       ["a P", "b Q", "c R"])
    }

    func testAFilterOverAGroupedSubSelectTestsEachGroupsCount() throws {
        let grouped = #"SELECT ?k (COUNT(*) AS ?n) { VALUES (?k ?x) { ("a" 1) ("a" 2) ("b" 3) ("c" 4) ("c" 5) ("c" 6) } } GROUP BY ?k"#
        XCTAssertEqual(try rows("SELECT ?k ?n { { \(grouped) } FILTER(?n > 1) } ORDER BY ?k"), ["a 2", "c 3"])
        XCTAssertEqual(try rows("SELECT ?k ?d { { \(grouped) } BIND(?n * 10 AS ?d) } ORDER BY ?k"), ["a 20", "b 10", "c 30"])
    }

    func testAnUnboundValueOfASortedRowIsUnboundForTheFilter() throws {
        let optional = #"SELECT ?k ?w { VALUES ?k { "a" "b" "c" } OPTIONAL { VALUES (?k ?w) { ("b" 1) } } } ORDER BY ?k"#
        XCTAssertEqual(try rows("SELECT ?k { { \(optional) } FILTER(!BOUND(?w)) } ORDER BY ?k"), ["a", "c"])
    }

    /// rasqal logs an error for the outer aggregate's variable that it then ignores; the answer is right.
    func testAggregatesOverAGroupedSubSelect() throws {
        let grouped = #"SELECT ?k (COUNT(*) AS ?n) { VALUES (?k ?x) { ("a" 1) ("a" 2) ("b" 3) ("c" 4) ("c" 5) ("c" 6) } } GROUP BY ?k"#
        XCTAssertEqual(try rows("SELECT (COUNT(*) AS ?groups) { { \(grouped) } }"), ["3"])
        XCTAssertEqual(try rows("SELECT (MIN(?n) AS ?least) (MAX(?n) AS ?most) (SUM(?n) AS ?all) (AVG(?n) AS ?mean) { { \(grouped) } }"),
                       ["1 3 6 2.0"])
    }
}
