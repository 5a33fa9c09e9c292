import RDFModel
import Redland
import SQLiteStorage
import Store
import XCTest

/// SPARQL datasets on the rasqal engine over our database: FROM, FROM NAMED, GRAPH, the store's
/// default-graph setting, and what a query answers when it has no solution or is malformed.
final class QueryDatasetTests: XCTestCase {
    private let g1 = RDFTerm.iri("http://example.org/g1")
    private let g2 = RDFTerm.iri("http://example.org/g2")
    private let p = RDFTerm.iri("http://example.org/p")

    private func s(_ name: String) -> RDFTerm { .iri("http://example.org/" + name) }

    /// a in g1; b in g2; shared in g1 and g2; d in the default graph.
    private func makeStore(_ defaultGraph: DefaultGraph = .union) throws -> Store {
        let store = try Store(.memory, defaultGraph: defaultGraph)
        try store.write { add in
            try add(Quad(s("a"), p, .literal("1"), graph: g1))
            try add(Quad(s("b"), p, .literal("2"), graph: g2))
            try add(Quad(s("shared"), p, .literal("3"), graph: g1))
            try add(Quad(s("shared"), p, .literal("3"), graph: g2))
            try add(Quad(s("d"), p, .literal("4")))
        }
        return store
    }

    private func select(_ store: Store, _ sparql: String) throws -> (variables: [String], rows: [[RDFTerm?]]) {
        guard case .solutions(let cursor) = try store.query(sparql) else {
            XCTFail("not a SELECT answer")
            return ([], [])
        }
        var rows: [[RDFTerm?]] = []
        while let row = cursor.next() { rows.append(row) }
        return (cursor.variables, rows)
    }

    /// The values of the first column, sorted, as strings.
    private func column(_ store: Store, _ sparql: String) throws -> [String] {
        try select(store, sparql).rows.map { $0.first??.value ?? "UNBOUND" }.sorted()
    }

    func testFromRestrictsTheDefaultGraph() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?o FROM <http://example.org/g1> { ?s ?p ?o }"), ["1", "3"])
        XCTAssertEqual(try column(store, "SELECT ?o FROM <http://example.org/g2> { ?s ?p ?o }"), ["2", "3"])
    }

    func testFromMergesGraphsCountingATripleOnce() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?o FROM <http://example.org/g1> FROM <http://example.org/g2> { ?s ?p ?o }"),
                       ["1", "2", "3"])
    }

    func testFromOfAGraphTheStoreLacksSelectsNothingAndFetchesNothing() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?o FROM <http://127.0.0.1:9/absent.ttl> { ?s ?p ?o }"), [])
    }

    func testFromNamedRestrictsGraphVariable() throws {
        let store = try makeStore()
        let answer = try select(store, "SELECT ?g ?o FROM NAMED <http://example.org/g2> { GRAPH ?g { ?s ?p ?o } }")
        XCTAssertEqual(answer.variables, ["g", "o"])
        XCTAssertEqual(Set(answer.rows.map { $0[0] }), [g2])
        XCTAssertEqual(answer.rows.map { $0[1]!.value }.sorted(), ["2", "3"])
        // FROM NAMED without FROM: the default graph is empty.
        XCTAssertEqual(try column(store, "SELECT ?o FROM NAMED <http://example.org/g2> { ?s ?p ?o }"), [])
        // FROM without FROM NAMED: no named graph to visit.
        XCTAssertEqual(try column(store, "SELECT ?g FROM <http://example.org/g1> { GRAPH ?g { ?s ?p ?o } }"), [])
    }

    func testUnionDefaultGraphReadsEveryGraphOnce() throws {
        let store = try makeStore(.union)
        XCTAssertEqual(try column(store, "SELECT ?o { ?s ?p ?o }"), ["1", "2", "3", "4"])
        XCTAssertEqual(try column(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"), ["4"])
    }

    func testDefaultOnlyReadsTheDefaultGraph() throws {
        let store = try makeStore(.defaultOnly)
        XCTAssertEqual(try column(store, "SELECT ?o { ?s ?p ?o }"), ["4"])
    }

    func testGraphVariableNeverBindsTheDefaultGraph() throws {
        for setting in [DefaultGraph.union, .defaultOnly] {
            let store = try makeStore(setting)
            let answer = try select(store, "SELECT ?g ?o { GRAPH ?g { ?s ?p ?o } }")
            XCTAssertEqual(Set(answer.rows.map { $0[0] }), [g1, g2], "\(setting)")
            XCTAssertEqual(answer.rows.map { $0[1]!.value }.sorted(), ["1", "2", "3", "3"], "\(setting)")
        }
    }

    func testGraphIRILooksUpThatGraph() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?o { GRAPH <http://example.org/g2> { ?s ?p ?o } }"), ["2", "3"])
        XCTAssertEqual(try column(store, "SELECT ?o { GRAPH <http://example.org/none> { ?s ?p ?o } }"), [])
        XCTAssertEqual(try column(store, "SELECT ?s { GRAPH <http://example.org/g1> { ?s ?p \"2\" } }"), [])
    }

    /// rasqal alone answered the first graph for `GRAPH ?g {}` and a solution for a graph the
    /// dataset lacks (`EmptyGraphRewrite`).
    func testEmptyGraphPatternsListTheNamedGraphs() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?g { GRAPH ?g { } }"), [g1.value, g2.value])
        XCTAssertEqual(try column(store, "SELECT ?g FROM NAMED <http://example.org/g2> { GRAPH ?g {} }"), [g2.value])
        XCTAssertEqual(try select(store, "SELECT * { GRAPH <http://example.org/g1> {} }").rows.count, 1)
        XCTAssertEqual(try select(store, "SELECT * { GRAPH <http://example.org/none> {} }").rows.count, 0)
        guard case .boolean(let present) = try store.query("ASK { GRAPH <http://example.org/none> {} }") else { return XCTFail() }
        XCTAssertFalse(present)
    }

    func testJoinAcrossPatternsAndExactTriples() throws {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(s("film"), s("cast"), s("actor"), graph: g1))
            try add(Quad(s("actor"), s("citizen"), s("country"), graph: g1))
            try add(Quad(s("x"), s("x"), s("x"), graph: g1))
        }
        XCTAssertEqual(try column(store, "SELECT ?c { ?f <http://example.org/cast> ?a . ?a <http://example.org/citizen> ?c }"),
                       ["http://example.org/country"])
        XCTAssertEqual(try column(store, "SELECT ?x { ?x ?x ?x }"), ["http://example.org/x"])
        guard case .boolean(let present) = try store.query("ASK { <http://example.org/film> <http://example.org/cast> <http://example.org/actor> }"),
              case .boolean(let absent) = try store.query("ASK { <http://example.org/film> <http://example.org/cast> <http://example.org/x> }")
        else { return XCTFail("not ASK answers") }
        XCTAssertTrue(present)
        XCTAssertFalse(absent)
    }

    /// OPTIONAL's pattern is looked up with the left row's values (RasqalJoinHints): the
    /// answer must be the one of independent evaluation.
    func testOptionalJoinsOnSharedVariablesAndKeepsLonelyLeftRows() throws {
        let store = try Store(.memory)
        let (occupation, party, politician) = (s("occupation"), s("party"), s("politician"))
        try store.write { add in
            for person in ["p1", "p2", "p3"] { try add(Quad(s(person), occupation, politician, graph: g1)) }
            try add(Quad(s("p1"), party, s("A"), graph: g1))
            try add(Quad(s("p2"), party, s("A"), graph: g1))
            try add(Quad(s("p2"), party, s("B"), graph: g2))
            try add(Quad(s("other"), party, s("C"), graph: g1))
        }
        let prefix = "PREFIX : <http://example.org/> "
        let pairs = { (sparql: String) in
            try self.select(store, prefix + sparql).rows.map { "\($0[0]!.value.suffix(2)) \($0[1].map { String($0.value.suffix(1)) } ?? "-")" }.sorted()
        }
        XCTAssertEqual(try pairs("SELECT ?person ?party { ?person :occupation :politician OPTIONAL { ?person :party ?party } }"),
                       ["p1 A", "p2 A", "p2 B", "p3 -"])
        XCTAssertEqual(try pairs("SELECT ?person ?party { ?person :occupation :politician OPTIONAL { ?person :party ?party FILTER(?party = :B) } }"),
                       ["p1 -", "p2 B", "p3 -"])
        XCTAssertEqual(try pairs("SELECT ?person ?party { ?person :occupation :politician OPTIONAL { ?person :party ?party } OPTIONAL { ?person :party ?party } }"),
                       ["p1 A", "p2 A", "p2 B", "p3 -"])
    }

    /// W3C algebra/nested-opt-1: an inner OPTIONAL is evaluated on its own, not with outer values.
    func testNestedOptionalIsNotGivenOuterValues() throws {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(s("x1"), p, .literal("1")))
            try add(Quad(s("x2"), p, .literal("2")))
            try add(Quad(s("x3"), s("q"), .literal("3")))
        }
        let answer = try select(store, "PREFIX : <http://example.org/> SELECT ?v ?w { :x1 :p ?v OPTIONAL { :x3 :q ?w OPTIONAL { :x2 :p ?v } } }")
        XCTAssertEqual(answer.rows, [[.literal("1"), nil]])
    }

    func testStoredTermsComeBackExactly() throws {
        let store = try Store(.memory)
        let literals: [RDFTerm] = [.literal("Hallo", language: "de-CH"), .literal("01", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
                                   .literal("x", datatype: Vocabulary.xsdString), .literal("plain")]
        try store.write { add in for (i, o) in literals.enumerated() { try add(Quad(s("s\(i)"), p, o)) } }
        let rows = try select(store, "SELECT ?o { ?s ?p ?o }").rows
        // Exactly, up to RDF 1.1's identity of "x"^^xsd:string and "x".
        XCTAssertEqual(Set(rows.map { $0[0] }), Set(literals.map { $0 == .literal("x", datatype: Vocabulary.xsdString) ? .literal("x") : $0 }))
        // A literal of the query finds the stored one, whatever the case of its language tag.
        XCTAssertEqual(try column(store, "SELECT ?s { ?s ?p \"Hallo\"@de-ch }"), ["http://example.org/s0"])
    }

    func testEmptyResultKeepsTheProjectedVariables() throws {
        let store = try makeStore()
        let explicit = try select(store, "SELECT ?x ?y { ?x <http://example.org/none> ?y }")
        XCTAssertEqual(explicit.variables, ["x", "y"])
        XCTAssertEqual(explicit.rows.count, 0)
        let star = try select(store, "SELECT * { ?s <http://example.org/none> ?o FILTER(?o > 1) }")
        XCTAssertEqual(star.variables, ["s", "o"])
        XCTAssertEqual(star.rows.count, 0)
    }

    func testSyntaxErrorReportsTheLine() throws {
        let store = try makeStore()
        XCTAssertThrowsError(try store.query("SELECT ?s\nWHERE {\n  ?s ?p \n}")) { error in
            guard let syntax = error as? SPARQLSyntaxError else { return XCTFail("not a syntax error: \(error)") }
            XCTAssertEqual(syntax.messages.first?.line, 4, "\(syntax)")
            XCTAssertTrue(syntax.description.contains("line 4"), syntax.description)
        }
        // The store still answers afterwards.
        XCTAssertEqual(try column(store, "SELECT ?o FROM <http://example.org/g1> { ?s ?p ?o }"), ["1", "3"])
    }

    /// rasqal logs an expression it cannot evaluate and counts it false: the query fails with
    /// that message (once, not once per solution) instead of answering nothing.
    func testWhatRasqalLogsWhileRunningFailsTheQuery() throws {
        let store = try makeStore()
        for query in ["SELECT ?o { ?s ?p ?o FILTER(REGEX(STR(?o), \"(\")) }", "ASK { ?s ?p ?o FILTER(REGEX(STR(?o), \"(\")) }",
                      "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), \"(\")) }"] {
            XCTAssertThrowsError(try store.query(query)) { error in
                XCTAssertEqual("\(error)".components(separatedBy: #"the pattern "(" is not a regular expression"#).count, 2, "\(error)")
            }
        }
        XCTAssertEqual(try column(store, "SELECT ?o FROM <http://example.org/g1> { ?s ?p ?o FILTER(REGEX(STR(?o), \"1\")) }"), ["1"])
    }

    func testServiceAndUpdatesAreRefused() throws {
        let store = try makeStore()
        XCTAssertThrowsError(try store.query("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")) { error in
            XCTAssertTrue("\(error)".contains("SERVICE"), "\(error)")
        }
        XCTAssertThrowsError(try store.query("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"))
        XCTAssertEqual(try column(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"), ["4"])
    }

    func testConstructReturnsTriples() throws {
        let store = try makeStore()
        guard case .graph(let quads) = try store.query("CONSTRUCT { ?s <http://example.org/q> ?o } FROM <http://example.org/g2> { ?s ?p ?o }")
        else { return XCTFail("not a graph") }
        XCTAssertEqual(Set(quads.map(\.object)), [.literal("2"), .literal("3")])
    }
}
