import RDFModel
import Store
import XCTest

/// One-variable VALUES blocks, which rasqal 0.9.33 reads as one row of successive variables
/// (and crashes on after a pattern), answered as their `VALUES (?x) { (…) }` equal (`ValuesRewrite`).
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

    func testValuesJoinWhereverTheyStand() throws {
        let store = try makeStore()
        XCTAssertEqual(try count(store, "SELECT * { VALUES ?s { :a :b } ?s :p ?o }"), 3)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o VALUES ?s { :a :b } }"), 3)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o } VALUES ?s { :a :c }"), 3)
        XCTAssertEqual(try count(store, "SELECT * { ?s :p ?o } VALUES ?o { \"2\" \"3\" }"), 2)
    }
}
