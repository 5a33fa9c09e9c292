import RDFModel
import SQLiteStorage
import Store
import XCTest

/// Group counts over one triple pattern are computed by SQLite (``GroupCountPlan``); each must
/// answer exactly what rasqal answers for the same query, which `FILTER(true)` sends down
/// rasqal's own path.
final class GroupCountTests: XCTestCase {
    private func iri(_ name: String) -> RDFTerm { .iri("http://example.org/" + name) }

    /// Types in two graphs (one triple in both), a literal-valued property, and the default graph.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        let type = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        try store.write { add in
            for n in 0..<7 { try add(Quad(iri("e\(n)"), type, iri(n % 3 == 0 ? "A" : n % 3 == 1 ? "B" : "C"), graph: iri("g1"))) }
            for n in 5..<9 { try add(Quad(iri("e\(n)"), type, iri(n % 2 == 0 ? "A" : "D"), graph: iri("g2"))) }
            try add(Quad(iri("e5"), type, iri("C"), graph: iri("g2")))
            for n in 0..<4 { try add(Quad(iri("e\(n)"), iri("label"), .literal(n < 2 ? "x" : "y"))) }
        }
        return store
    }

    private func rows(_ store: Store, _ sparql: String) throws -> [[RDFTerm?]] {
        guard case .solutions(let cursor) = try store.query(sparql) else { XCTFail("not a SELECT answer: \(sparql)"); return [] }
        var rows: [[RDFTerm?]] = []
        while let row = cursor.next() { rows.append(row) }
        return rows
    }

    func testCountsEqualRasqalsOwnAnswers() throws {
        let store = try makeStore()
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        let cases: [(pattern: String, rest: String)] = [
            ("?x \(rdfType) ?c", "GROUP BY ?c ORDER BY DESC(?n) ?c"),
            ("?x \(rdfType) ?c", "GROUP BY ?c ORDER BY ?c LIMIT 2 OFFSET 1"),
            ("?x \(rdfType) ?c", "GROUP BY ?c ORDER BY ?n ?c LIMIT 3"),
            ("GRAPH <http://example.org/g2> { ?x \(rdfType) ?c }", "GROUP BY ?c ORDER BY ?c"),
            ("GRAPH <http://example.org/absent> { ?x \(rdfType) ?c }", "GROUP BY ?c"),
            ("?x ?p ?o", "GROUP BY ?p ORDER BY ?p"),
            ("?x <http://example.org/label> ?o", "GROUP BY ?o ORDER BY ?o"),
        ]
        for (pattern, rest) in cases {
            for count in ["COUNT(?x)", "COUNT(*)"] {
                let pushed = "SELECT ?\(rest.split(separator: "?")[1].prefix { $0.isLetter }) (\(count) AS ?n) WHERE { \(pattern) } \(rest)"
                let viaRasqal = pushed.replacingOccurrences(of: "{ \(pattern) }", with: "{ \(pattern) FILTER(true) }")
                XCTAssertEqual(try rows(store, pushed), try rows(store, viaRasqal), pushed)
            }
        }
        // And FROM: two graphs merged, the triple in both counted once.
        let from = "SELECT ?c (COUNT(?x) AS ?n) FROM <http://example.org/g1> FROM <http://example.org/g2> WHERE { ?x \(rdfType) ?c } GROUP BY ?c ORDER BY ?c"
        XCTAssertEqual(try rows(store, from), try rows(store, from.replacingOccurrences(of: "?c }", with: "?c FILTER(true) }")))
        // A: e0 e3 e6 (in both graphs, once) e8; B: e1 e4; C: e2 e5 (in both, once); D: e5 e7.
        XCTAssertEqual(try rows(store, from).map { $0[1]?.value }, ["4", "2", "2", "2"])
    }

    /// COUNT(DISTINCT …) counted by SQLite, and by rasqal (`FILTER(true)`) through the sort maps
    /// of `CRasqalOverrides`, against answers worked out by hand (rasqal's own distinct counts of
    /// IRIs varied from run to run).
    func testDistinctCountsAreExact() throws {
        let store = try makeStore()
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        func values(_ sparql: String) throws -> [[String?]] {
            let viaRasqal = sparql.replacingOccurrences(of: "} }", with: "} FILTER(true) }").replacingOccurrences(of: "?o }", with: "?o FILTER(true) }")
            XCTAssertNotEqual(viaRasqal, sparql)
            XCTAssertEqual(try rows(store, viaRasqal).map { $0.map { $0?.value } }, try rows(store, sparql).map { $0.map { $0?.value } }, viaRasqal)
            return try rows(store, sparql).map { $0.map { $0?.value } }
        }
        // Subjects per predicate: 9 typed (e0 … e8), 4 labelled.
        XCTAssertEqual(try values("SELECT ?p (COUNT(DISTINCT ?x) AS ?n) { ?x ?p ?o } GROUP BY ?p ORDER BY ?p"),
                       [["http://example.org/label", "4"], [String(rdfType.dropFirst().dropLast()), "9"]])
        // Classes per graph-restricted subject set: g2 types e5 … e8 with A, C and D.
        XCTAssertEqual(try values("SELECT (COUNT(DISTINCT ?x) AS ?things) (COUNT(DISTINCT ?c) AS ?classes) { GRAPH <http://example.org/g2> { ?x \(rdfType) ?c } }"),
                       [["4", "3"]])
        // Objects over everything: A, B, C, D, "x", "y".
        XCTAssertEqual(try values("SELECT (COUNT(DISTINCT ?o) AS ?n) { ?x ?p ?o }"), [["6"]])
    }

    /// Without GROUP BY, one group of every match (also of none), as rasqal answers each count.
    func testTheImplicitGroupIsCountedToo() throws {
        let store = try makeStore()
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        for pattern in ["?x \(rdfType) ?c", "?x ?p ?o", "GRAPH <http://example.org/g2> { ?x \(rdfType) ?c }", "?x <http://example.org/label> ?o"] {
            for count in ["COUNT(*)"] + pattern.split(separator: " ").filter({ $0.hasPrefix("?") }).map({ "COUNT(\($0))" }) {
                let pushed = "SELECT (\(count) AS ?n) WHERE { \(pattern) }"
                XCTAssertEqual(try rows(store, pushed), try rows(store, pushed.replacingOccurrences(of: "\(pattern) }", with: "\(pattern) FILTER(true) }")), pushed)
            }
        }
        // Several counts at once (rasqal alone answers 10 for each): 10 triples in the merged
        // default graph (e5's C and e6's A are in both graphs), 9 subjects, 4 classes.
        XCTAssertEqual(try rows(store, "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?x) AS ?things) (COUNT(DISTINCT ?c) AS ?classes) { ?x \(rdfType) ?c }")
            .map { $0.map { $0?.value } }, [["10", "9", "4"]])
        XCTAssertEqual(try rows(store, "SELECT (COUNT(*) AS ?n) { GRAPH <http://example.org/absent> { ?x ?p ?o } }").map { $0.map { $0?.value } }, [["0"]])
    }

    /// Counts per named graph (`GRAPH ?g { … } GROUP BY ?g`) are SQLite's too: the graphs with
    /// matches, not the default graph, not a graph named by a blank node (which GRAPH never
    /// visits), only FROM NAMED's when it is given; each as rasqal counts it.
    func testCountsPerNamedGraph() throws {
        let store = try makeStore()
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        try store.write { add in
            try add(Quad(iri("e9"), .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), iri("A"), graph: .blank("anonymous")))
        }
        let queries = [
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?x ?p ?o } } GROUP BY ?g ORDER BY ?g",
            "SELECT ?g (COUNT(?x) AS ?n) (COUNT(DISTINCT ?c) AS ?classes) WHERE { GRAPH ?g { ?x \(rdfType) ?c } } GROUP BY ?g ORDER BY DESC(?n)",
            "SELECT ?g (COUNT(*) AS ?n) FROM NAMED <http://example.org/g2> WHERE { GRAPH ?g { ?x \(rdfType) <http://example.org/A> } } GROUP BY ?g",
        ]
        for pushed in queries {
            let viaRasqal = pushed.replacingOccurrences(of: " } } GROUP", with: " FILTER(true) } } GROUP")
            XCTAssertEqual(try rows(store, pushed), try rows(store, viaRasqal), pushed)
        }
        XCTAssertEqual(try rows(store, queries[0]), [[iri("g1"), .literal("7", datatype: Vocabulary.xsdInteger)],
                                                     [iri("g2"), .literal("5", datatype: Vocabulary.xsdInteger)]])
        XCTAssertEqual(try rows(store, queries[2]), [[iri("g2"), .literal("2", datatype: Vocabulary.xsdInteger)]])
        // Counted in SQLite: no match is read as a row (rasqal reads each).
        let database = try QuadDatabase(path: ":memory:")
        for n in 0..<3 { _ = try database.insert(Quad(iri("e\(n)"), iri("p"), iri("o"), graph: iri("g\(n % 2)"))) }
        let engine = try RasqalEngine(database: database)
        _ = try engine.query(queries[0])
        XCTAssertEqual(engine.rowsRead, 0)
        _ = try engine.query(queries[0].replacingOccurrences(of: " } } GROUP", with: " FILTER(true) } } GROUP"))
        XCTAssertEqual(engine.rowsRead, 3)
    }

    /// `SELECT DISTINCT ?v` of one triple pattern: the distinct values found by SQLite (rasqal
    /// would read every match and the store drop the repeats), the same as rasqal's way gives.
    func testDistinctValuesOfOnePattern() throws {
        let store = try makeStore()
        try store.write { add in
            try add(Quad(iri("e9"), .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), iri("E"), graph: .blank("anonymous")))
        }
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        let queries = [
            "SELECT DISTINCT ?c WHERE { ?x \(rdfType) ?c }",
            "SELECT DISTINCT ?p WHERE { ?x ?p ?o } ORDER BY ?p",
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x ?p ?o } }",
            "SELECT DISTINCT ?x WHERE { GRAPH <http://example.org/g2> { ?x \(rdfType) ?c } } ORDER BY DESC(?x) LIMIT 3",
            "SELECT DISTINCT ?c FROM <http://example.org/g1> WHERE { ?x \(rdfType) ?c }",
        ]
        for pushed in queries {
            let viaRasqal = pushed.replacingOccurrences(of: " }", with: " FILTER(true) }", options: [], range: pushed.range(of: " }"))
            let sorted = { (rows: [[RDFTerm?]]) in rows.map { "\($0)" }.sorted() }
            XCTAssertEqual(sorted(try rows(store, pushed)), sorted(try rows(store, viaRasqal)), pushed)
        }
        XCTAssertEqual(try rows(store, queries[2]).count, 2, "g1 and g2: not the default graph, not a blank node's")
        XCTAssertEqual(try rows(store, queries[4]).map { $0[0] }, [iri("A"), iri("B"), iri("C")])
        // Found in SQLite: no match is read as a row.
        let database = try QuadDatabase(path: ":memory:")
        for n in 0..<3 { _ = try database.insert(Quad(iri("e\(n)"), iri("p"), iri("o"), graph: iri("g\(n % 2)"))) }
        let engine = try RasqalEngine(database: database)
        XCTAssertEqual(try engine.sortedAnswer("SELECT DISTINCT ?o { ?s ?p ?o }").rows.count, 1)
        XCTAssertEqual(engine.rowsRead, 0)
    }

    /// The rows of a sub-SELECT DISTINCT of one variable, counted: that variable's distinct count,
    /// from SQLite; a sub-SELECT with anything more (LIMIT, FILTER, no DISTINCT) stays rasqal's.
    func testCountsOfASubSelectDistinct() throws {
        let store = try makeStore()
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        let value = { (sparql: String) in try self.rows(store, sparql).first?.first??.value }
        let inner = "SELECT DISTINCT ?x WHERE { ?x \(rdfType) ?c }"
        XCTAssertEqual(try value("SELECT (COUNT(*) AS ?n) { { \(inner) } }"), "9")
        XCTAssertEqual(try value("SELECT (COUNT(*) AS ?n) { { \(inner) } FILTER(true) }"), "9", "rasqal's way")
        XCTAssertEqual(try value("SELECT (COUNT(?x) AS ?n) { { \(inner.replacingOccurrences(of: "?x \(rdfType)", with: "?x ?p")) } }"), "9")
        XCTAssertEqual(try value("SELECT (COUNT(*) AS ?n) { { SELECT DISTINCT ?c WHERE { GRAPH <http://example.org/g2> { ?x \(rdfType) ?c } } } }"), "3")
        XCTAssertEqual(try value("SELECT (COUNT(*) AS ?n) { { \(inner) LIMIT 4 } }"), "4")
        XCTAssertEqual(try value("SELECT (COUNT(*) AS ?n) { { SELECT ?x WHERE { ?x \(rdfType) ?c } } }"), "10")
        // Found in SQLite: no match is read as a row.
        let engine = try RasqalEngine.holding((0..<3).map { Quad(iri("e\($0)"), iri("p"), iri("o\($0 % 2)")) })
        XCTAssertEqual(try engine.sortedAnswer("SELECT (COUNT(*) AS ?n) { { SELECT DISTINCT ?o { ?s ?p ?o } } }").rows,
                       ["\(RDFTerm.literal("2", datatype: "http://www.w3.org/2001/XMLSchema#integer"))"])
        XCTAssertEqual(engine.rowsRead, 0)
    }
}
