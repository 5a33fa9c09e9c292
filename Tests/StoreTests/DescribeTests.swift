import RDFModel
import Store
import XCTest

/// DESCRIBE, answered by the store since rasqal 0.9.33 cannot: which resources (named IRIs, values
/// of the WHERE clause's variables, `*`), their Concise Bounded Descriptions (blank nodes followed,
/// each triple once) and the dataset they are read from.
final class DescribeTests: XCTestCase {
    private func ex(_ name: String) -> RDFTerm { .iri("http://example.org/" + name) }
    private let g1 = RDFTerm.iri("http://example.org/g1"), g2 = RDFTerm.iri("http://example.org/g2")

    /// alice (g1) knows bob and has an address, a blank node with a nested blank node; bob has a
    /// name in g1 and an age in g2; carol has a name in the default graph.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(ex("alice"), ex("knows"), ex("bob"), graph: g1))
            try add(Quad(ex("alice"), ex("address"), .blank("addr"), graph: g1))
            try add(Quad(.blank("addr"), ex("city"), .literal("Paris"), graph: g1))
            try add(Quad(.blank("addr"), ex("geo"), .blank("point"), graph: g1))
            try add(Quad(.blank("point"), ex("lat"), .literal("48.8"), graph: g1))
            try add(Quad(ex("bob"), ex("name"), .literal("Bob"), graph: g1))
            try add(Quad(ex("bob"), ex("age"), .literal("42"), graph: g2))
            try add(Quad(ex("bob"), ex("name"), .literal("Bob"), graph: g2))
            try add(Quad(ex("carol"), ex("name"), .literal("Carol")))
        }
        return store
    }

    /// The described triples as `subject predicate object` lines with blank nodes written `_`, sorted.
    private func describe(_ store: Store, _ sparql: String) throws -> [String] {
        guard case .graph(let quads) = try store.query(sparql) else {
            XCTFail("DESCRIBE gave no graph")
            return []
        }
        func text(_ term: RDFTerm) -> String {
            switch term {
            case .iri(let iri): return iri.replacingOccurrences(of: "http://example.org/", with: "")
            case .blank: return "_"
            case .literal(let lexical, _, _): return "\"\(lexical)\""
            }
        }
        return quads.map { "\(text($0.subject)) \(text($0.predicate)) \(text($0.object))" }.sorted()
    }

    func testAnIRIIsDescribedWithItsBlankNodesFollowed() throws {
        XCTAssertEqual(try describe(makeStore(), "DESCRIBE <http://example.org/alice>"), [
            "_ city \"Paris\"", "_ geo _", "_ lat \"48.8\"", "alice address _", "alice knows bob",
        ])
    }

    func testVariablesAreDescribedByTheValuesTheWhereClauseBinds() throws {
        let store = try makeStore()
        let query = """
            PREFIX ex: <http://example.org/>
            # DESCRIBE in a comment is not the clause
            describe ?friend ex:carol WHERE { ex:alice ex:knows ?friend }
            """
        // bob's name is in two graphs of the (union) default graph: one triple.
        XCTAssertEqual(try describe(store, query), ["bob age \"42\"", "bob name \"Bob\"", "carol name \"Carol\""])
        XCTAssertEqual(try describe(store, "DESCRIBE ?s { ?s <http://example.org/age> ?age }"), ["bob age \"42\"", "bob name \"Bob\""])
        XCTAssertEqual(try describe(store, "DESCRIBE ?x WHERE { ?x <http://example.org/knows> <http://example.org/nobody> }"), [])
    }

    func testTheWildcardAndFROMChooseResourcesAndTheGraphsReadForThem() throws {
        let store = try makeStore()
        // Every value bound in g2 (bob, and the predicates, which describe nothing), read in g2 only.
        XCTAssertEqual(try describe(store, "DESCRIBE * FROM <http://example.org/g2> WHERE { ?s ?p ?o }"),
                       ["bob age \"42\"", "bob name \"Bob\""])
        XCTAssertEqual(try describe(store, "DESCRIBE ?s FROM <http://example.org/g1> WHERE { ?s <http://example.org/name> ?n }"),
                       ["bob name \"Bob\""])
        XCTAssertEqual(try describe(store, "BASE <http://example.org/> DESCRIBE <carol> <nobody>"), ["carol name \"Carol\""])
    }
}
