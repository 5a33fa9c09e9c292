import Foundation
import RDFModel
import SQLiteStorage
import XCTest

/// `GRAPH ?g { … }` read in one pass over all named graphs (`RasqalOnePassGraphs`) answers what
/// rasqal's own GRAPH, which runs the block once per named graph, answers: each query is checked
/// against its twin whose GRAPH blocks start with a BIND, which leaves them to rasqal.
final class OnePassGraphTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    private static let posts = 12

    /// 12 posts, each its own graph, mentioning 3 of 40 entities; labels, types and the posts'
    /// publishers in the default graph, with one mention there too, and one in a graph named by a
    /// blank node (neither is a named graph of a SPARQL dataset).
    private func makeEngine() throws -> RasqalEngine {
        let database = try QuadDatabase(path: ":memory:")
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        for e in 0..<40 {
            _ = try database.insert(Quad(ex("e\(e)"), .iri("http://www.w3.org/2000/01/rdf-schema#label"), .literal("Entity \(e)")))
            _ = try database.insert(Quad(ex("e\(e)"), .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ex(e % 3 == 0 ? "Person" : "Place")))
        }
        _ = try database.insert(Quad(ex("loose#m0"), ex("refersTo"), ex("e7")))
        _ = try database.insert(Quad(ex("anonymous#m0"), ex("refersTo"), ex("e7"), graph: .blank("anonymous")))
        for post in 0..<Self.posts {
            _ = try database.insert(Quad(ex("post\(post)"), ex("publishedBy"), ex("agency\(post % 2)")))
            for k in 0..<3 {
                let mention = ex("post\(post)#m\(k)")
                _ = try database.insert(Quad(mention, ex("refersTo"), ex("e\((post * 7 + k * 5) % 40)"), graph: ex("post\(post)")))
                _ = try database.insert(Quad(mention, ex("text"), .literal("mention \(k)"), graph: ex("post\(post)")))
            }
        }
        return try RasqalEngine(database: database)
    }

    /// The query's answer, read in one pass (no graph declared to rasqal), equals its twin's,
    /// whose GRAPH blocks start with `BIND(0 AS ?…)` (every named graph declared and visited).
    @discardableResult
    private func assertSameAnswers(_ engine: RasqalEngine, _ query: String, rows expected: Int? = nil,
                                   file: StaticString = #filePath, line: UInt = #line) throws -> (onePass: Int, visiting: Int) {
        let onePass = try engine.sortedAnswer(Self.prefixes + query)
        XCTAssertEqual(engine.graphsDeclared, 0, "read in one pass: \(query)", file: file, line: line)
        let twin = query.replacingOccurrences(of: #"GRAPH \?(\w+) \{"#, with: "GRAPH ?$1 { BIND(0 AS ?visiting_$1) ",
                                              options: .regularExpression)
        let visiting = try engine.sortedAnswer(Self.prefixes + twin)
        XCTAssertEqual(engine.graphsDeclared, Self.posts, "left to rasqal: \(twin)", file: file, line: line)
        XCTAssertEqual(onePass.rows, visiting.rows, query, file: file, line: line)
        if let expected { XCTAssertEqual(onePass.rows.count, expected, query, file: file, line: line) }
        return (onePass.lookups, visiting.lookups)
    }

    func testABlockIsOneLookupWhereRasqalMakesOnePerGraph() throws {
        let engine = try makeEngine()
        let lookups = try assertSameAnswers(engine, "SELECT ?g ?m ?e { GRAPH ?g { ?m :refersTo ?e } }", rows: 36)
        XCTAssertEqual(lookups.onePass, 1)
        XCTAssertEqual(lookups.visiting, Self.posts)
        let answer = try engine.sortedAnswer(Self.prefixes + "SELECT ?g ?m { GRAPH ?g { ?m :refersTo :e7 } }")
        XCTAssertEqual(answer.rows.count, 3, "neither the default graph nor a blank node's is a named graph: \(answer.rows)")
    }

    func testPatternsInsideTheBlock() throws {
        let engine = try makeEngine()
        try assertSameAnswers(engine, "SELECT ?g ?m ?e ?t { GRAPH ?g { ?m :refersTo ?e . ?m :text ?t } }", rows: 36)
        try assertSameAnswers(engine, "SELECT ?g ?m ?x { GRAPH ?g { ?m :refersTo ?e OPTIONAL { ?m :missing ?x } } }", rows: 36)
        try assertSameAnswers(engine, "SELECT ?g ?m ?t { GRAPH ?g { ?m :refersTo ?e OPTIONAL { ?m :text ?t FILTER(?t = \"mention 1\") } } }",
                              rows: 36)
        try assertSameAnswers(engine, "SELECT ?g ?m ?v { GRAPH ?g { { ?m :refersTo ?v } UNION { ?m :text ?v } } }", rows: 72)
        try assertSameAnswers(engine, "SELECT ?g ?e { GRAPH ?g { ?m :refersTo ?e FILTER(?e != :e0) } }")
        try assertSameAnswers(engine, "SELECT ?g ?m ?x { GRAPH ?g { ?m :refersTo|:text ?x } }", rows: 72)
    }

    func testBlocksAmongOtherPatterns() throws {
        let engine = try makeEngine()
        try assertSameAnswers(engine, "SELECT ?g ?e { ?g :publishedBy :agency1 . GRAPH ?g { ?m :refersTo ?e } }", rows: 18)
        try assertSameAnswers(engine, "SELECT ?e ?g { ?e a :Person OPTIONAL { GRAPH ?g { ?m :refersTo ?e } } }")
        try assertSameAnswers(engine, "SELECT ?g ?h ?e { GRAPH ?g { ?m :refersTo ?e } GRAPH ?h { ?n :refersTo ?e } }")
        try assertSameAnswers(engine, "SELECT ?e ?label ?g { GRAPH ?g { ?m :refersTo ?e } ?e rdfs:label ?label }", rows: 36)
    }

    /// Two blocks of one graph variable: rasqal's own GRAPH answered these wrongly (the second
    /// block joined with the first's graph 14 times of 36; a UNION's second branch paired rows
    /// with the graph the first branch ended on), each is the same as one block holding both.
    func testTwoBlocksOfOneGraphVariable() throws {
        let engine = try makeEngine()
        let joined = try engine.sortedAnswer(Self.prefixes + "SELECT ?g ?m ?t { GRAPH ?g { ?m :refersTo ?e } GRAPH ?g { ?m :text ?t } }")
        XCTAssertEqual(joined.rows, try engine.sortedAnswer(Self.prefixes + "SELECT ?g ?m ?t { GRAPH ?g { ?m :refersTo ?e . ?m :text ?t } }").rows)
        XCTAssertEqual(joined.rows.count, 36)
        let union = try engine.sortedAnswer(Self.prefixes
            + "SELECT ?g ?m { { GRAPH ?g { ?m :refersTo :e7 } } UNION { GRAPH ?g { ?m :text \"mention 2\" } } }")
        XCTAssertEqual(union.rows, try engine.sortedAnswer(Self.prefixes
            + "SELECT ?g ?m { GRAPH ?g { { ?m :refersTo :e7 } UNION { ?m :text \"mention 2\" } } }").rows)
        XCTAssertTrue(union.rows.allSatisfy { row in
            let terms = row.components(separatedBy: " ")
            return terms[1].hasPrefix(String(terms[0].dropLast(2)) + "#")
        }, "each mention with its own post's graph: \(union.rows)")
        XCTAssertEqual(union.rows.count, 15)
    }

    func testSolutionsOfTheBlockGroupedAndSorted() throws {
        let engine = try makeEngine()
        try assertSameAnswers(engine, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", rows: Self.posts)
        try assertSameAnswers(engine, "SELECT DISTINCT ?g { GRAPH ?g { ?s :refersTo ?o } }", rows: Self.posts)
        let first = try engine.sortedAnswer(Self.prefixes + "SELECT ?g ?m { GRAPH ?g { ?m :text \"mention 0\" } } ORDER BY DESC(?g) LIMIT 1")
        XCTAssertEqual(first.rows, ["\(RDFTerm.iri("http://ex/post9")) \(RDFTerm.iri("http://ex/post9#m0"))"])
    }

    /// FROM NAMED narrows the graphs a block reads in one pass as it narrows those rasqal visits.
    func testFromNamedGraphs() throws {
        let engine = try makeEngine()
        let answer = try engine.sortedAnswer(Self.prefixes
            + "SELECT ?g ?e FROM NAMED <http://ex/post1> FROM NAMED <http://ex/post2> { GRAPH ?g { ?m :refersTo ?e } }")
        XCTAssertEqual(Set(answer.rows.map { $0.components(separatedBy: " ")[0] }),
                       ["\(RDFTerm.iri("http://ex/post1"))", "\(RDFTerm.iri("http://ex/post2"))"])
        XCTAssertEqual(answer.rows.count, 6)
        XCTAssertEqual(answer.lookups, 1)
    }

    /// A block using its graph variable inside is read in one pass too, once the variable inside
    /// is renamed apart (`GraphVariableScopeRewrite`): SPARQL evaluates the block with the graph
    /// unbound, so the FILTER is an error, and the OPTIONAL's ?g (a text) never joins a graph.
    func testBlocksUsingTheGraphVariableInside() throws {
        let engine = try makeEngine()
        try assertSameAnswers(engine, "SELECT ?g ?m { GRAPH ?g { ?m :refersTo ?e FILTER(?g != :post1) } }", rows: 0)
        try assertSameAnswers(engine, "SELECT ?g ?m { GRAPH ?g { ?m :refersTo ?e OPTIONAL { ?m :text ?g } } }", rows: 0)
        try assertSameAnswers(engine, "SELECT ?g ?m { GRAPH ?g { ?m :refersTo ?e OPTIONAL { ?m :missing ?g } } }", rows: 3 * Self.posts)
    }

    /// A BIND inside the block reads the values the block bound: read in one pass too. Joined with
    /// a pattern on ?g after the block, rasqal's own GRAPH (roqet's too) let the pattern bind ?g
    /// afresh, pairing every publisher with every post.
    func testBlocksWithABind() throws {
        let engine = try makeEngine()
        try assertSameAnswers(engine, "SELECT ?g ?m ?k { GRAPH ?g { ?m :text ?t BIND(STRLEN(?t) AS ?k) } }", rows: 3 * Self.posts)
        let joined = try engine.sortedAnswer(Self.prefixes + "SELECT ?g ?a { GRAPH ?g { ?m :refersTo ?e BIND(1 AS ?one) } ?g :publishedBy ?a }")
        XCTAssertEqual(engine.graphsDeclared, 0)
        XCTAssertEqual(joined.rows.count, 3 * Self.posts)
        XCTAssertEqual(Set(joined.rows).count, Self.posts, "one publisher per post")
    }

    /// Blocks that do not start with a pattern binding the graph are left to rasqal.
    func testBlocksLeftToRasqal() throws {
        let engine = try makeEngine()
        for query in ["SELECT ?g ?x { GRAPH ?g { OPTIONAL { ?m :missing ?x } ?m :refersTo ?e } }",
                      "SELECT ?g { GRAPH ?g { } }",
                      "SELECT ?g ?m { GRAPH ?g { ?m :refersTo ?e . <http://ex/post3#m0> :text \"mention 0\" } }",
                      "SELECT ?g ?h ?e { GRAPH ?g { ?m :refersTo ?e GRAPH ?h { ?n :refersTo ?e } } }"] {
            _ = try engine.sortedAnswer(Self.prefixes + query)
            XCTAssertEqual(engine.graphsDeclared, Self.posts, query)
        }
    }

    /// A sub-SELECT's `GRAPH ?g` is evaluated on its own, but rasqal gives it the outer query's ?g:
    /// read in one pass, it read only the graph the outer block had bound when the sub-SELECT ran
    /// (one post's mentions counted, the other posts' left out), so both are left to rasqal.
    func testABlockOfAGraphVariableASubSelectAlsoUses() throws {
        let engine = try makeEngine()
        let counted = try engine.sortedAnswer(Self.prefixes
            + "SELECT ?g ?m ?n { GRAPH ?g { ?m :refersTo ?e } { SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?x :text ?t } } GROUP BY ?g } }")
        XCTAssertEqual(engine.graphsDeclared, Self.posts)
        XCTAssertEqual(counted.rows.count, Self.posts * 3)
        XCTAssertTrue(counted.rows.allSatisfy { $0.hasSuffix(#"literal("3", language: nil, datatype: Optional("http://www.w3.org/2001/XMLSchema#integer"))"#) },
                      "\(counted.rows)")
    }
}
