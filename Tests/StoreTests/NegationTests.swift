import RDFModel
import Redland
import Store
import XCTest

/// EXISTS and MINUS, answered by the store since rasqal 0.9.33 cannot: each solution of the group
/// so far is checked with its values put into the pattern (EXISTS) or against the pattern's own
/// solutions (MINUS); where no check could be placed (EXISTS outside aggregates reading a group's
/// values), the query is refused with a message saying where negation is answered.
final class NegationTests: XCTestCase {
    /// a, b, c and a blank node are :C; a and c have labels; ages 30, 40, 20 for a, b, c; in graph
    /// :g2, b has a label.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        let label = RDFTerm.iri("http://www.w3.org/2000/01/rdf-schema#label"), type = RDFTerm.iri(Vocabulary.rdfType)
        let g1 = RDFTerm.iri("http://ex/g1"), g2 = RDFTerm.iri("http://ex/g2")
        try store.write { add in
            for name in ["a", "b", "c"] { try add(Quad(ex(name), type, ex("C"), graph: g1)) }
            try add(Quad(.blank("x"), type, ex("C"), graph: g1))
            try add(Quad(ex("a"), label, .literal("A"), graph: g1))
            try add(Quad(ex("c"), label, .literal("C"), graph: g1))
            try add(Quad(ex("b"), label, .literal("B"), graph: g2))
            for (name, age) in [("a", "30"), ("b", "40"), ("c", "20")] {
                try add(Quad(ex(name), ex("age"), .literal(age, datatype: Vocabulary.xsdInteger), graph: g1))
            }
        }
        return store
    }

    private func ex(_ name: String) -> RDFTerm { .iri("http://ex/" + name) }

    /// The first column of every solution, IRIs without `http://ex/`, blank nodes as `_`, sorted.
    private func column(_ store: Store, _ body: String) throws -> [String] {
        let sparql = "PREFIX : <http://ex/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + body
        guard case .solutions(let cursor) = try store.query(sparql) else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { row -> String in
            switch row.first ?? nil {
            case .iri(let iri)?: return iri.replacingOccurrences(of: "http://ex/", with: "")
            case .blank?: return "_"
            case .literal(let lexical, _, _)?: return lexical
            case nil: return "-"
            }
        }.sorted()
    }

    func testNotExistsAndExistsSeeEachSolutionsValuesBlankNodesIncluded() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C FILTER NOT EXISTS { ?s rdfs:label ?l } }"), ["_"])
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C FILTER EXISTS { ?s rdfs:label ?l } }"), ["a", "b", "c"])
        // The blank node's value is matched by id: it has a type, so NOT EXISTS of its type fails.
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C FILTER NOT EXISTS { ?s a :C } }"), [])
        // …and a FILTER of the pattern reads it too (it once read it unbound: an error, so no match).
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C FILTER NOT EXISTS { ?x a :C FILTER(?x = ?s && isBlank(?x)) } }"),
                       ["a", "b", "c"])
    }

    /// Every query above has a prologue; the checks' ASK queries once took the text up to the
    /// first variable for it when there was none ("SELECT ASK { … }": a syntax error).
    func testQueriesWithoutPrefixDeclarations() throws {
        let store = try makeStore()
        let label = "<http://www.w3.org/2000/01/rdf-schema#label>"
        let queries: [(String, [String])] = [
            ("SELECT ?s { ?s a <http://ex/C> FILTER NOT EXISTS { ?s \(label) ?l } }", ["_"]),
            ("SELECT ?s WHERE { ?s a <http://ex/C> FILTER EXISTS { GRAPH ?g { ?s \(label) ?l } } }", ["a", "b", "c"]),
            ("SELECT ?s { ?s a <http://ex/C> MINUS { GRAPH <http://ex/g2> { ?s \(label) ?l } } }", ["_", "a", "c"]),
        ]
        for (query, expected) in queries {
            guard case .solutions(let cursor) = try store.query(query) else { return XCTFail("no solutions: \(query)") }
            let rows = sequence(state: cursor) { $0.next() }.map { row -> String in
                if case .iri(let iri)? = row.first ?? nil { return iri.replacingOccurrences(of: "http://ex/", with: "") }
                return "_"
            }
            XCTAssertEqual(rows.sorted(), expected, query)
        }
    }

    /// A pattern of one triple is asked by one lookup in the store (`SingleTripleCheck`), in the
    /// graphs the solution was matched in; other patterns go through rasqal.
    func testOneTriplePatternsAskedInTheStore() throws {
        let store = try makeStore()
        let cases: [(String, [String])] = [
            ("SELECT ?s FROM :g1 { ?s a :C FILTER EXISTS { ?s rdfs:label ?l } }", ["a", "c"]),
            ("SELECT ?s FROM :g1 FROM :g2 { ?s a :C FILTER EXISTS { ?s rdfs:label ?l } }", ["a", "b", "c"]),
            ("SELECT ?s { ?s a :C FILTER EXISTS { ?s rdfs:label \"A\" } }", ["a"]),
            ("SELECT ?s { ?s a :C FILTER NOT EXISTS { ?s :nothing ?x } }", ["_", "a", "b", "c"]),
            ("SELECT ?s { ?s a :C FILTER NOT EXISTS { ?s a ?s } }", ["_", "a", "b", "c"]),
            ("SELECT ?s { ?s a :C FILTER NOT EXISTS { ?s :age ?age FILTER(?age > 25) } }", ["_", "c"]),
        ]
        for (query, expected) in cases { XCTAssertEqual(try column(store, query), expected, query) }
    }

    func testValuesReachFiltersInsideThePattern() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?s { ?s :age ?age FILTER NOT EXISTS { ?o :age ?older FILTER(?older > ?age) } }"),
                       ["b"])
    }

    func testThePatternIsAskedInTheGraphItsFilterIsIn() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?s { GRAPH :g1 { ?s a :C FILTER NOT EXISTS { ?s rdfs:label ?l } } }"), ["_", "b"])
    }

    /// A group led by a GRAPH block of triples: each of its solutions checked, the graph included.
    func testNegationAfterALeadingGraphBlock() throws {
        let store = try makeStore()
        // In the graph that typed it (g1), only a and c have labels; b's is in g2.
        XCTAssertEqual(try column(store, "SELECT ?s { GRAPH ?g { ?s a :C } FILTER NOT EXISTS { GRAPH ?g { ?s rdfs:label ?l } } }"),
                       ["_", "b"])
        XCTAssertEqual(try column(store, "SELECT ?s { GRAPH ?g { ?s a :C } MINUS { GRAPH ?g { ?s rdfs:label ?l } } }"), ["_", "b"])
        // Outside GRAPH, the pattern reads the default graph, where b has its label too.
        XCTAssertEqual(try column(store, "SELECT ?s { GRAPH ?g { ?s a :C } FILTER NOT EXISTS { ?s rdfs:label ?l } }"), ["_"])
        // Triples after the block: the check goes after them, in their basic pattern.
        XCTAssertEqual(try column(store, "SELECT ?s { GRAPH :g1 { ?s a :C } ?s :age ?a FILTER EXISTS { ?s :age 30 } }"), ["a"])
    }

    func testANotExistsBesideOptionalUsesOnlyTheLeadingTriplesValues() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?s ?a { ?s a :C OPTIONAL { ?s :age ?a } FILTER NOT EXISTS { ?s :age 30 } }"),
                       ["_", "b", "c"])
    }

    /// A check reading a variable bound after the leading triples (by OPTIONAL, BIND, triples
    /// after OPTIONAL) is joined with each solution of the group so far.
    func testChecksReadVariablesBoundByOptionalBindAndLaterTriples() throws {
        let store = try makeStore()
        // ?a unbound (the blank node has no age) leaves it free: some other node has an age.
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C OPTIONAL { ?s :age ?a } FILTER NOT EXISTS { ?x :age ?a FILTER(?x != ?s) } }"),
                       ["a", "b", "c"])
        XCTAssertEqual(try column(store, "SELECT ?s { ?s :age ?a BIND(?a + 10 AS ?older) FILTER EXISTS { ?o :age ?older } }"), ["a", "c"])
        // After OPTIONAL the check shares a basic pattern with `?s :age ?n`; a check failing for
        // one solution of it once ended the whole pattern.
        XCTAssertEqual(try column(store, "SELECT ?s { ?x a :C OPTIONAL { ?x rdfs:label ?l } ?s :age ?n FILTER NOT EXISTS { ?s :age 30 } }"),
                       ["b", "b", "b", "b", "c", "c", "c", "c"])
    }

    /// An OPTIONAL's filter is evaluated on the solution it extends merged with its own
    /// (LeftJoin's condition): an EXISTS there reads the values bound before the OPTIONAL.
    func testExistsInAnOptionalsFilterReadsTheSolutionItExtends() throws {
        let store = try makeStore()
        // The label of whoever has ?s's age: ?s's own. ?a once stood free, giving every label to each.
        XCTAssertEqual(try column(store, "SELECT ?l ?s { ?s :age ?a OPTIONAL { ?x rdfs:label ?l FILTER EXISTS { ?x :age ?a } } }"),
                       ["A", "B", "C"])
        XCTAssertEqual(try column(store, "SELECT ?l ?s { ?s :age ?a OPTIONAL { ?x rdfs:label ?l FILTER NOT EXISTS { ?x :age ?a } } }"),
                       ["A", "A", "B", "B", "C", "C"])
        // Checked where the OPTIONAL's group ends (after its BIND), and after an OPTIONAL before it.
        XCTAssertEqual(try column(store, "SELECT ?h ?s { ?s :age ?a OPTIONAL { BIND(\"yes\" AS ?h) FILTER EXISTS { :a :age ?a } } }"),
                       ["-", "-", "yes"])
        XCTAssertEqual(try column(store, "SELECT ?l ?s { ?s :age ?a OPTIONAL { ?s rdfs:label ?m } OPTIONAL { ?x rdfs:label ?l FILTER EXISTS { ?x :age ?a } } }"),
                       ["A", "B", "C"])
        // A filter of a group nested in the OPTIONAL sees only that group: ?a is free there.
        XCTAssertEqual(try column(store, "SELECT ?l ?s { ?s :age ?a OPTIONAL { { ?x rdfs:label ?l FILTER EXISTS { ?x :age ?a } } } }"),
                       ["A", "A", "A", "B", "B", "B", "C", "C", "C"])
    }

    /// After two members or more rasqal's join binds each solution it hands the OPTIONAL, so an
    /// EXISTS reads what another OPTIONAL bound (unbound, the variable stands free).
    func testExistsInAnOptionalsFilterReadsWhatAnOptionalBeforeItBound() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?l { ?s a :C OPTIONAL { ?s :age ?a } OPTIONAL { ?x rdfs:label ?l FILTER EXISTS { ?x :age ?a } } }"),
                       ["A", "A", "B", "B", "C", "C"])
    }

    /// A lone UNION (or VALUES, subquery) before the OPTIONAL hands on rows whose values rasqal's
    /// variables may not hold (a UNION's second branch leaves the first's last values): an EXISTS
    /// placed with the OPTIONAL's leading triples reads them from the OPTIONAL's join, whose left
    /// row is the solution it extends.
    func testExistsInAnOptionalsFilterReadsALoneMembersRowFromTheJoin() throws {
        let store = try makeStore()
        // The ages' rows find their own label; the labels' rows (?a unbound) every aged one's.
        XCTAssertEqual(try column(store, "SELECT ?l { { ?s :age ?a } UNION { ?s rdfs:label ?m } OPTIONAL { ?x rdfs:label ?l FILTER EXISTS { ?x :age ?a } } }"),
                       ["A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C"])
        XCTAssertEqual(try column(store, "SELECT ?l { VALUES ?a { 30 40 50 } OPTIONAL { ?x rdfs:label ?l FILTER EXISTS { ?x :age ?a } } }"),
                       ["-", "A", "B"])
        XCTAssertEqual(try column(store, "SELECT ?l { { SELECT ?a { ?s :age ?a } ORDER BY ?a } OPTIONAL { ?x rdfs:label ?l FILTER NOT EXISTS { ?x :age ?a } } }"),
                       ["A", "A", "B", "B", "C", "C"])
    }

    /// Where the check cannot stand with the OPTIONAL's leading triples (it reads a value the
    /// OPTIONAL binds later, or the OPTIONAL starts with a GRAPH block), it runs in another join
    /// than the OPTIONAL's: such a query is refused, not answered wrongly.
    func testExistsInAnOptionalsFilterReadingALoneUnionsValueElsewhereIsRefused() throws {
        let store = try makeStore()
        for query in [
            "SELECT ?l { { ?s :age ?a } UNION { ?s rdfs:label ?m } OPTIONAL { ?x rdfs:label ?l OPTIONAL { ?x :age ?b } FILTER EXISTS { ?y :age ?a . ?y :age ?b } } }",
            "SELECT ?l { { ?s :age ?a } UNION { ?s rdfs:label ?m } OPTIONAL { GRAPH ?g { ?x rdfs:label ?l } FILTER EXISTS { ?x :age ?a } } }",
        ] {
            XCTAssertThrowsError(try column(store, query), query) { error in
                XCTAssertTrue("\(error)".contains("an EXISTS in the FILTER of an OPTIONAL reads ?a"), "\(error)")
            }
        }
    }

    /// EXISTS inside an expression is the value true or false, in FILTER and in BIND.
    func testExistsInsideAnExpression() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C BIND(EXISTS { ?s rdfs:label ?l } AS ?has) FILTER(!?has) }"), ["_"])
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C FILTER(?s = :a || NOT EXISTS { ?s :age 30 }) }"), ["_", "a", "b", "c"])
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C FILTER(EXISTS { ?s :age ?a FILTER(?a > 25) } && isIRI(?s)) }"), ["a", "b"])
        XCTAssertEqual(try column(store, "SELECT ?h { BIND(EXISTS { :a :age 30 } AS ?h) }"), ["true"])
        XCTAssertEqual(try column(store, "SELECT ?s { ?s :age ?a OPTIONAL { ?s rdfs:label ?l } BIND(IF(EXISTS { ?s :age 40 }, \"old\", ?l) AS ?l2) FILTER(?l2 = \"old\") }"),
                       ["b"])
    }

    func testMinusRemovesCompatibleSolutionsSharingAVariable() throws {
        let store = try makeStore()
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C MINUS { ?s rdfs:label ?l } }"), ["_"])
        // No variable in common: nothing is removed.
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C MINUS { ?x rdfs:label ?l } }"), ["_", "a", "b", "c"])
        // A filter between the triples and MINUS applies to the whole group.
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C . FILTER(isIRI(?s)) ?s :age ?age MINUS { ?s :age 30 } }"), ["b", "c"])
    }

    /// MINUS's pattern is evaluated on its own: until 2026-11-28 a blank node of the first solution
    /// it was applied to was given to the pattern as a value, and its solutions, kept for the
    /// query, were those of that blank node only.
    func testMinusComparesBlankNodesWithoutBindingThemInItsPattern() throws {
        let store = try Store(.memory)
        let p = ex("p"), q = ex("q")
        try store.write { add in
            try add(Quad(.blank("b1"), p, .literal("1")))
            try add(Quad(.blank("b2"), p, .literal("2")))
            try add(Quad(.blank("b2"), q, .literal("3")))
        }
        XCTAssertEqual(try column(store, "SELECT ?v { ?x :p ?v MINUS { ?x :q ?w } }"), ["1"])
        XCTAssertEqual(try column(store, "SELECT ?v { ?x :p ?v MINUS { ?x :p ?w FILTER(?w = \"1\") } }"), ["2"])
    }

    func testMinusAfterOptionalComparesTheWholeSolution() throws {
        let store = try makeStore()
        // Shares ?l with the solutions OPTIONAL gave a label; the blank node's shares nothing.
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C OPTIONAL { ?s rdfs:label ?l } MINUS { :a rdfs:label ?l } }"), ["_", "b", "c"])
        XCTAssertEqual(try column(store, "SELECT ?s { ?s a :C OPTIONAL { ?s :age ?a } MINUS { ?s :age ?a FILTER(?a < 35) } }"), ["_", "b"])
    }

    func testExistsOutsideAggregatesReadingMoreThanTheGroupKeysIsRefusedWithAReason() throws {
        let store = try makeStore()
        XCTAssertThrowsError(try column(store, "SELECT ?s (EXISTS { ?o :age ?a } AS ?e) { ?s a :C OPTIONAL { ?s :age ?a } } GROUP BY ?s")) { error in
            XCTAssertTrue("\(error)".contains("EXISTS and MINUS are answered by the store"), "\(error)")
        }
    }
}
