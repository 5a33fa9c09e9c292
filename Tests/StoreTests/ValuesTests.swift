import RDFModel
import Store
import XCTest

/// VALUES as rasqal 0.9.33 alone answers wrongly (`ValuesRewrite`): the one-variable form, which
/// it reads as one row of successive variables (and crashes on after a pattern), and a group of
/// VALUES without a triple pattern, whose FILTER, BIND and aggregates it evaluates on the
/// previous row's values or none.
final class ValuesTests: XCTestCase {
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for (subject, object) in [("a", "1"), ("a", "2"), ("b", "3"), ("c", "4")] {
                try add(Quad(.iri("http://ex/" + subject), .iri("http://ex/p"), .literal(object)))
            }
        }
        return store
    }

    private func count(_ store: Store, _ sparql: String) throws -> Int {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return -1
        }
        return Array(sequence(state: cursor) { $0.next() }).count
    }

    func testEveryValueIsASolution() throws {
        let store = try makeStore()
        XCTAssertEqual(try count(store, "SELECT ?x { VALUES ?x { 1 -2 \"x\"@en \"y\"^^<http://www.w3.org/2001/XMLSchema#string> true :a UNDEF } }"), 7)
        XCTAssertEqual(try count(store, "SELECT ?x { VALUES ?x { 1 2 } FILTER(true) }"), 2)
    }

    private func rows(_ store: Store, _ sparql: String) throws -> [[String]] {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else { return [] }
        return sequence(state: cursor) { $0.next() }.map { $0.map { $0?.value ?? "-" } }
    }

    func testAGroupOfValuesAloneFiltersBindsAndAggregatesItsOwnRows() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, #"SELECT ?x { VALUES ?x { "a" "b" } FILTER(?x = "a") }"#), [["a"]])
        XCTAssertEqual(try rows(store, #"SELECT ?x ?y { VALUES ?x { "a" "b" } BIND(CONCAT(?x, "!") AS ?y) }"#), [["a", "a!"], ["b", "b!"]])
        XCTAssertEqual(try rows(store, #"SELECT (COUNT(*) AS ?n) (SAMPLE(?x) AS ?s) (GROUP_CONCAT(?x; separator="|") AS ?all) { VALUES (?x) { ("a") ("b") } }"#),
                       [["2", "a", "a|b"]])
        XCTAssertEqual(try rows(store, "SELECT ?s ?o { { VALUES ?s { :b :c } } ?s :p ?o }"), [["http://ex/b", "3"], ["http://ex/c", "4"]])
    }

    func testValuesJoinWhereverTheyStand() throws {
        let store = try makeStore()
        XCTAssertEqual(try count(store, "SELECT * { VALUES ?s { :a :b } ?s :p ?o }"), 3)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o VALUES ?s { :a :b } }"), 3)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o } VALUES ?s { :a :c }"), 3)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o } VALUES ?o { \"2\" \"3\" }"), 2)
    }

    /// A block of no variables (which rasqal crashed on) is one empty solution per row.
    func testABlockOfNoVariablesJoinsOnceForEachRow() throws {
        let store = try makeStore()
        XCTAssertEqual(try count(store, "SELECT * { VALUES () { () } }"), 1)
        XCTAssertEqual(try count(store, "SELECT * { VALUES () { } }"), 0)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o VALUES () { () () } }"), 8)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o { VALUES () { } } }"), 0)
    }

    /// A row of more or fewer values than the block's variables is a syntax error naming the row
    /// (`ValuesShapeCheck`): rasqal dropped the extra values and left missing ones unbound.
    func testARowOfTheWrongLengthIsASyntaxError() throws {
        let store = try makeStore()
        let refused = [
            ("SELECT * { VALUES (?a ?b) { (1 2 3) } }", "row 1 of this VALUES block has 3 values for its 2 variables"),
            ("SELECT * { VALUES (?a ?b) { (1 UNDEF) (\"x\"@en) } }", "row 2 of this VALUES block has 1 value for its 2 variables"),
            ("PREFIX : <http://e/> SELECT * { ?s :p ?o }\nVALUES (?s) { (:a) (:b :c) }", "line 2: row 2 of this VALUES block has 2 values for its 1 variable"),
            ("SELECT * { VALUES () { (1) } }", "row 1 of this VALUES block has 1 value for its 0 variables"),
        ]
        store.assertRefused(refused)
        XCTAssertEqual(try count(store, "SELECT * { VALUES (?s ?o) { (:a \"1\") (UNDEF -2) (:b \"x\"^^<http://e/t>) } }"), 3)
    }
}
