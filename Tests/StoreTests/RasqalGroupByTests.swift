import RDFModel
import SQLiteStorage
import Store
import XCTest

/// GROUP BY that rasqal runs (any grouped query the store does not count itself) groups by
/// hashing in `CRasqalOverrides` (`rasqal_groupby_rowsource.c`), in place of rasqal 0.9.33's tree.
/// The FILTERs keep the store's own count of one grouped pattern (`GroupCountPlan`) out.
final class RasqalGroupByTests: XCTestCase {
    private let p = RDFTerm.iri("http://e/p")
    private let integer = "http://www.w3.org/2001/XMLSchema#integer"

    /// Subject `s<i>` has `i % 7 + 1` :p triples, objects the integers 0 to `i % 7`, for 1,000 subjects: more groups and solutions than
    /// the index and the row list start with.
    private func makeEngine() throws -> RasqalEngine {
        let database = try QuadDatabase(path: ":memory:")
        for subject in 0..<1000 {
            for object in 0...(subject % 7) {
                _ = try database.insert(Quad(.iri("http://e/s\(subject)"), p, .literal(String(object), datatype: integer)))
            }
        }
        return try RasqalEngine(database: database)
    }

    func testEveryGroupIsCountedOnce() throws {
        let engine = try makeEngine()
        let rows = try engine.answerLines("SELECT ?s (COUNT(*) AS ?n) { ?s <http://e/p> ?o FILTER(true) } GROUP BY ?s",
                                          shortening: "http://e/")
        XCTAssertEqual(rows.count, 1000)
        XCTAssertEqual(Set(rows), Set((0..<1000).map { "s\($0) \($0 % 7 + 1)" }))
    }

    /// Groups come out in the order of their first solution, here the store's order of objects.
    func testGroupsComeInTheOrderOfTheirFirstSolution() throws {
        let engine = try makeEngine()
        let rows = try engine.answerLines("""
            SELECT ?o (COUNT(*) AS ?n) (SUM(?o) AS ?sum) { ?s <http://e/p> ?o FILTER(true) } GROUP BY ?o
            """, shortening: "http://e/")
        // Object k is on every subject with i % 7 >= k: 1,000 subjects, 143 for each residue 0…5, 142 for 6.
        let expected = (0...6).map { object in (object...6).reduce(0) { total, residue in total + (residue < 6 ? 143 : 142) } }
        XCTAssertEqual(rows, (0...6).map { "\($0) \(expected[$0]) \($0 * expected[$0])" })
    }

    /// A key expression that fails is unbound in the key (SPARQL 1.1's ListEval keeps errors):
    /// those solutions make one group. rasqal left them out; the store binds each key expression
    /// first (`GroupKeyRewrite`), and the grouping takes a key that fails as unbound.
    func testAKeyThatFailsIsUnbound() throws {
        let engine = try makeEngine()
        let rows = try engine.answerLines("""
            SELECT ?k (COUNT(*) AS ?n) { ?s <http://e/p> ?o FILTER(true) } GROUP BY (1 / (?o - 6) AS ?k) ORDER BY ?k
            """, shortening: "http://e/")
        // Object 6, on the 142 subjects with i % 7 == 6, divides by zero.
        XCTAssertEqual(rows.first, "- 142")
        XCTAssertEqual(rows.count, 7)
    }

    /// Through librdf's own query path (no rewrites: the PostgreSQL location's), a key may be an
    /// expression, evaluated for each solution; the store's keys are variables, read from each
    /// solution's values.
    func testAnExpressionKeyIsEvaluatedForEachSolution() throws {
        let store = try Store(.memory)
        try store.write { add in
            for (subject, label) in [("a", "x"), ("b", "yy"), ("c", "zz"), ("d", "www")] {
                try add(Quad(.iri("http://e/" + subject), p, .literal(label)))
            }
        }
        guard case .solutions(let cursor) = try store.model.query(
            "SELECT (SAMPLE(STRLEN(?o)) AS ?length) (COUNT(*) AS ?n) { ?s <http://e/p> ?o } GROUP BY STRLEN(?o)") else { return XCTFail() }
        let rows = sequence(state: cursor) { $0.next() }.map { row in row.map { $0?.value ?? "-" }.joined(separator: " ") }
        XCTAssertEqual(rows.sorted(), ["1 1", "2 2", "3 1"])
    }
}
