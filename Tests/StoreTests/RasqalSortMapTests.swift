import CRasqalOverrides
import RDFModel
import SQLiteStorage
import XCTest

/// DISTINCT and ORDER BY that rasqal runs itself (in a sub-SELECT, or ORDER BY an expression of a
/// grouped query) go through `CRasqalOverrides`'s maps in place of rasqal 0.9.33's own: duplicates
/// found by RDF term, order key by key; and GROUP BY keys are compared as RDF terms.
final class RasqalSortMapTests: XCTestCase {
    private let p = RDFTerm.iri("http://e/p")
    private let q = RDFTerm.iri("http://e/q")

    private func engine(_ quads: [Quad]) throws -> RasqalEngine {
        let database = try QuadDatabase(path: ":memory:")
        for quad in quads { _ = try database.insert(quad) }
        return try RasqalEngine(database: database)
    }

    /// Rows in the order the query gives them, unbound values as "-".
    private func orderedRows(_ engine: RasqalEngine, _ sparql: String) throws -> [String] {
        guard case .solutions(let cursor) = try engine.query(sparql) else {
            XCTFail("no solutions: \(sparql)")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { $0.map { $0.map { "\($0)" } ?? "-" }.joined(separator: " ") }
    }

    func testASubSelectDistinctKeepsOneRowPerRDFTermThroughTheReplacementMaps() throws {
        let objects: [RDFTerm] = [
            .iri("http://e/a"), .blank("b1"), .literal("a", language: "en"), .literal("a", language: "EN"),
            .literal("a"), .literal("1", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
            .literal("01", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
            .literal("1", datatype: "http://www.w3.org/2001/XMLSchema#decimal"),
        ]
        var quads: [Quad] = []
        for (index, object) in objects.enumerated() {
            quads.append(Quad(.iri("http://e/s\(index)"), p, object))
            quads.append(Quad(.iri("http://e/t\(index)"), p, object))
        }
        quads.append(Quad(.iri("http://e/u1"), q, .literal("x")))
        quads.append(Quad(.iri("http://e/u2"), q, .literal("x")))
        let engine = try engine(quads)

        let before = coatt_rasqal_sort_maps_made()
        let rows = try engine.sortedAnswer("SELECT ?o { { SELECT DISTINCT ?o { ?s <http://e/p> ?o } } }").rows
        XCTAssertGreaterThan(coatt_rasqal_sort_maps_made(), before, "rasqal used this module's map for the DISTINCT")
        // "a"@en and "a"@EN are one term (tags compare without case); "1" and "01" are two.
        XCTAssertEqual(rows.count, objects.count - 1, "\(rows)")
        XCTAssertEqual(Set(rows).count, rows.count)

        let unboundTwice = try engine.sortedAnswer("""
            SELECT ?u ?o { { SELECT DISTINCT ?u ?o { ?u <http://e/q> ?x OPTIONAL { ?u <http://e/p> ?o } } } }
            """).rows
        XCTAssertEqual(unboundTwice, ["u1", "u2"].map { "\(RDFTerm.iri("http://e/" + $0)) -" })
        let projectedAway = try engine.sortedAnswer("SELECT ?o { { SELECT DISTINCT ?o { ?u <http://e/q> ?x OPTIONAL { ?u <http://e/p> ?o } } } }").rows
        XCTAssertEqual(projectedAway, ["-"], "two unbound values are one row")
    }

    func testThousandsOfRowsAreKeptApartAndTheirDuplicatesDropped() throws {
        var quads: [Quad] = []
        for index in 0..<3_000 {
            quads.append(Quad(.iri("http://e/s\(index)"), p, .literal("label \(index % 1_000)")))
        }
        let engine = try engine(quads)
        XCTAssertEqual(try orderedRows(engine, "SELECT (COUNT(*) AS ?n) { { SELECT DISTINCT ?o { ?s <http://e/p> ?o } } }"),
                       ["\(RDFTerm.literal("1000", datatype: "http://www.w3.org/2001/XMLSchema#integer"))"])
        // DISTINCT and ORDER BY together: each label once, in order.
        let labels = try orderedRows(engine, "SELECT ?o { { SELECT DISTINCT ?o { ?s <http://e/p> ?o } ORDER BY DESC(?o) LIMIT 3 } }")
        XCTAssertEqual(labels, ["label 999", "label 998", "label 997"].map { "\(RDFTerm.literal($0))" })
    }

    /// An aggregate's DISTINCT keeps RDF terms apart: rasqal ordered IRIs in its own map by
    /// pointer and counted them differently from run to run, and literals of one text with two
    /// uncommon datatypes were one value under the keys that stood in for terms before.
    func testAnAggregateOverDistinctValuesCountsEachTermOnce() throws {
        let objects: [RDFTerm] = [
            .iri("http://e/x"), .literal("http://e/x"), .literal("a", datatype: "urn:x:one"), .literal("a", datatype: "urn:x:two"),
            .literal("a", language: "en"), .literal("a", language: "EN"), .blank("b"),
            .literal("1", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
            .literal("01", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
        ]
        var quads: [Quad] = []
        for copy in 0..<3 {
            for (index, object) in objects.enumerated() {
                quads.append(Quad(.iri("http://e/s\(index)-\(copy)"), p, object))
                quads.append(Quad(.iri("http://e/s\(index)-\(copy)"), q, .literal("\(copy)")))
            }
        }
        let engine = try engine(quads)
        let before = coatt_rasqal_sort_maps_made()
        // Two triple patterns, so rasqal counts (the store counts one pattern's terms itself).
        let counts = try orderedRows(engine, "SELECT (COUNT(DISTINCT ?o) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) { ?s <http://e/p> ?o . ?s <http://e/q> ?r }")
        XCTAssertGreaterThan(coatt_rasqal_sort_maps_made(), before)
        let integer = "http://www.w3.org/2001/XMLSchema#integer"
        XCTAssertEqual(counts, ["\(RDFTerm.literal("\(objects.count - 1)", datatype: integer)) \(RDFTerm.literal("\(3 * objects.count)", datatype: integer))"])
    }

    /// GROUP BY keys are compared as terms (`rasqal_group_keys.c`): rasqal compared values and
    /// took a failed comparison for equality.
    func testGroupsAreTuplesOfTerms() throws {
        let engine = try engine([])
        let groups = try engine.sortedAnswer("""
            SELECT ?k (COUNT(*) AS ?n) { VALUES ?k { "a" "b" 1 2 <http://e/a> "http://e/a" "x"@en "x"@EN
              "1"^^<http://www.w3.org/2001/XMLSchema#integer> "01"^^<http://www.w3.org/2001/XMLSchema#integer> } } GROUP BY ?k
            """).rows
        let integer = "http://www.w3.org/2001/XMLSchema#integer"
        func count(_ n: Int) -> String { "\(RDFTerm.literal(String(n), datatype: integer))" }
        XCTAssertEqual(groups, [
            "\(RDFTerm.iri("http://e/a")) \(count(1))", "\(RDFTerm.literal("01", datatype: integer)) \(count(1))",
            "\(RDFTerm.literal("1", datatype: integer)) \(count(2))", "\(RDFTerm.literal("2", datatype: integer)) \(count(1))",
            "\(RDFTerm.literal("a")) \(count(1))", "\(RDFTerm.literal("b")) \(count(1))", "\(RDFTerm.literal("http://e/a")) \(count(1))",
            "\(RDFTerm.literal("x", language: "en")) \(count(2))",
        ].sorted())
    }

    /// Two keys that may both be unbound: rasqal stopped comparing at the first one unbound in both
    /// solutions, so the second never told their groups apart.
    func testAGroupKeyAfterOneUnboundInBothStillCounts() throws {
        let r = RDFTerm.iri("http://e/r")
        let engine = try engine([
            Quad(.iri("http://e/s1"), q, .literal("x")), Quad(.iri("http://e/s1"), r, .literal("1")),
            Quad(.iri("http://e/s2"), q, .literal("x")), Quad(.iri("http://e/s2"), r, .literal("2")),
        ])
        let groups = try engine.sortedAnswer("""
            SELECT ?a ?b (COUNT(*) AS ?n) { ?s <http://e/q> ?x OPTIONAL { ?s <http://e/p> ?a } OPTIONAL { ?s <http://e/r> ?b } } GROUP BY ?a ?b
            """).rows
        XCTAssertEqual(groups.count, 2, "\(groups)")
    }

    /// rasqal stopped comparing at the first key unbound in both rows, so `ORDER BY ?a ?b` kept
    /// the rows without `?a` in the order they came.
    func testOrderByComparesTheNextKeyWhenBothRowsLackTheFirst() throws {
        var quads: [Quad] = []
        for (index, b) in [5, 4, 3, 2, 1].enumerated() {
            quads.append(Quad(.iri("http://e/s\(index)"), q, .literal("\(b)", datatype: "http://www.w3.org/2001/XMLSchema#integer")))
        }
        quads.append(Quad(.iri("http://e/s4"), p, .literal("only one has ?a")))
        let engine = try engine(quads)
        let rows = try orderedRows(engine, """
            SELECT ?s { { SELECT ?s ?a ?b { ?s <http://e/q> ?b OPTIONAL { ?s <http://e/p> ?a } } ORDER BY ?a ?b LIMIT 3 } }
            """)
        XCTAssertEqual(rows, ["s3", "s2", "s1"].map { "\(RDFTerm.iri("http://e/" + $0))" }, "unbound ?a first, then by ?b")
    }

    func testTiesKeepTheOrderTheyCameInAndDescendingKeysReverse() throws {
        var quads: [Quad] = []
        for index in 0..<6 {
            quads.append(Quad(.iri("http://e/s\(index)"), q, .literal("\(index % 2)", datatype: "http://www.w3.org/2001/XMLSchema#integer")))
        }
        let engine = try engine(quads)
        let arrival = try orderedRows(engine, "SELECT ?s { ?s <http://e/q> ?k }")
        let sorted = try orderedRows(engine, "SELECT ?s { { SELECT ?s ?k { ?s <http://e/q> ?k } ORDER BY DESC(?k) } }")
        let hasKeyOne = Set(stride(from: 1, to: 6, by: 2).map { "\(RDFTerm.iri("http://e/s\($0)"))" })
        XCTAssertEqual(arrival.count, 6)
        XCTAssertEqual(sorted, arrival.filter(hasKeyOne.contains) + arrival.filter { !hasKeyOne.contains($0) })
    }

    /// rasqal took values it could not compare for equal (they stayed in arrival order) and kept
    /// unbound values first under DESC; the order is SPARQL 1.1's, the one the store's own ORDER BY uses.
    func testValuesOfEveryKindSortAsTheStoreSortsThem() throws {
        let engine = try engine([Quad(.iri("http://e/s"), p, .literal("x"))])
        let values = #"VALUES ?v { 2 UNDEF "b" <http://e/x> "b"@en 1.5 "a"@en true "a" "2020-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> }"#
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        let ascending = ["-"] + [
            .iri("http://e/x"), .literal("1.5", datatype: xsd + "decimal"), .literal("2", datatype: xsd + "integer"),
            .literal("true", datatype: xsd + "boolean"), .literal("2020-01-01T00:00:00Z", datatype: xsd + "dateTime"),
            .literal("a"), .literal("a", language: "en"), .literal("b"), .literal("b", language: "en"),
        ].map { (term: RDFTerm) in "\(term)" }
        XCTAssertEqual(try orderedRows(engine, "SELECT ?v { { SELECT ?v { \(values) } ORDER BY ?v } }"), ascending)
        XCTAssertEqual(try orderedRows(engine, "SELECT ?v { { SELECT ?v { \(values) } ORDER BY DESC(?v) } }"), ascending.reversed())
        // The store's own ORDER BY (a top-level SELECT) gives the same order.
        XCTAssertEqual(try orderedRows(engine, "SELECT ?v { \(values) } ORDER BY DESC(?v)"), ascending.reversed())
    }
}
