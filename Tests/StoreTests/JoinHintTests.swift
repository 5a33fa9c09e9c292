import RDFModel
import SQLiteStorage
import XCTest

/// The right side of a join (a GRAPH block, a nested group, a basic pattern after them) looked up
/// with the left row's values (`RasqalJoinHints`): the same answers as the engine gives with
/// `narrowsJoins` off, reading far fewer rows.
final class JoinHintTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    /// One solution, from a UNION: written first, it keeps the members after it in their order.
    private static let asWritten = "{ BIND(0 AS ?first) } UNION { FILTER(false) }"

    /// 12 posts, each its own graph, mentioning 3 of 40 entities; entity labels, nicknames for
    /// some (shared by two entities each), types and the posts' publishers in the default graph.
    private func makeDatabase() throws -> QuadDatabase {
        let database = try QuadDatabase(path: ":memory:")
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        for e in 0..<40 {
            _ = try database.insert(Quad(ex("e\(e)"), .iri("http://www.w3.org/2000/01/rdf-schema#label"), .literal("Entity \(e)")))
            _ = try database.insert(Quad(ex("e\(e)"), .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ex(e % 3 == 0 ? "Person" : "Place")))
            if e % 4 == 0 { _ = try database.insert(Quad(ex("e\(e)"), ex("nick"), .literal("Nick \(e / 8)"))) }
        }
        for post in 0..<12 {
            _ = try database.insert(Quad(ex("post\(post)"), ex("publishedBy"), ex("agency\(post % 2)")))
            for k in 0..<3 {
                let mention = ex("post\(post)#m\(k)")
                _ = try database.insert(Quad(mention, ex("refersTo"), ex("e\((post * 7 + k * 5) % 40)"), graph: ex("post\(post)")))
                _ = try database.insert(Quad(mention, ex("text"), .literal("mention \(k)"), graph: ex("post\(post)")))
            }
        }
        return database
    }

    /// The answers to `SELECT <projection> { <body> }` with and without narrowing joins must agree.
    private func assertSameAnswers(_ engine: RasqalEngine, _ projection: String, _ body: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws -> (hinted: Int, unhinted: Int) {
        let hinted = try engine.sortedAnswer(Self.prefixes + "SELECT \(projection) { \(body) }")
        engine.narrowsJoins = false
        defer { engine.narrowsJoins = true }
        let unhinted = try engine.sortedAnswer(Self.prefixes + "SELECT \(projection) { \(body) }")
        XCTAssertFalse(hinted.rows.isEmpty, body, file: file, line: line)
        XCTAssertEqual(hinted.rows, unhinted.rows, body, file: file, line: line)
        return (hinted.rowsRead, unhinted.rowsRead)
    }

    /// Each query's answers with and without hints, on a fresh store.
    private func assertSameAnswers(_ queries: [(projection: String, body: String)], file: StaticString = #filePath, line: UInt = #line) throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        for query in queries { _ = try assertSameAnswers(engine, query.projection, query.body, file: file, line: line) }
    }

    func testAGraphBlockJoinedWithPatternsAfterIt() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?post ?e ?label", "GRAPH ?post { ?m :refersTo ?e } ?e rdfs:label ?label")
        // The 36 mentions and one label each, not the 40 labels for each mention.
        XCTAssertEqual(rows.hinted, 72)
        XCTAssertEqual(rows.unhinted, 36 + 36 * 40)
        _ = try assertSameAnswers(engine, "?post ?e ?label ?t", "GRAPH ?post { ?m :refersTo ?e . ?m :text ?x } ?e rdfs:label ?label ; a ?t")
        _ = try assertSameAnswers(engine, "?post ?e ?label", "GRAPH ?post { ?m :refersTo ?e FILTER(?m != :x) } ?e rdfs:label ?label FILTER(CONTAINS(?label, \"1\"))")
    }

    func testPatternsJoinedWithAGraphBlockAfterThem() throws {
        try assertSameAnswers([
            ("?post ?e", "?e a :Person . GRAPH ?post { ?m :refersTo ?e }"),
            ("?post ?e ?label", "?e a :Person . GRAPH ?post { ?m :refersTo ?e } ?e rdfs:label ?label"),
            ("?e ?label", "GRAPH <http://ex/post3> { ?m :refersTo ?e } ?e rdfs:label ?label"),
            ("?post ?e", "?post :publishedBy :agency1 . GRAPH ?post { ?m :refersTo ?e }"),
        ])
    }

    /// A `GRAPH ?g` block after a basic pattern runs first when the pattern's rows would each run
    /// the block for more lookups than the block has matches (`RasqalGraphBlockOrder`).
    func testAGraphBlockRunsFirstWhenThatReadsLess() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        // Read in one pass, the block costs one lookup for each of the 14 people, fewer than
        // 2 × 36 mentions: it stays second.
        let people = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?e { ?e a :Person . GRAPH ?post { ?m :refersTo ?e } }")
        XCTAssertEqual(people.lookups, 1 + 14)
        XCTAssertEqual(people.rows, try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?e { \(Self.asWritten) ?e a :Person . GRAPH ?post { ?m :refersTo ?e } }").rows)
        XCTAssertEqual(people.rows.count, 12)
        // Every fact of every subject (174 quads) against 36 mentions: the block first, then
        // each mentioned entity's facts.
        let facts = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?e ?p { ?e ?p ?o . GRAPH ?post { ?m :refersTo ?e } }")
        XCTAssertEqual(facts.lookups, 1 + 36)
        XCTAssertEqual(facts.rows, try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?e ?p { \(Self.asWritten) ?e ?p ?o . GRAPH ?post { ?m :refersTo ?e } }").rows)
        // A block rasqal visits graph by graph (its first triple binds nothing) for each of the
        // 14 people (1 + 14 × 12 × 2 written so) runs first: 12 × 2 lookups, then 3 people checks.
        let visiting = "GRAPH ?post { <http://ex/post0#m0> :text \"mention 0\" . ?m :refersTo ?e }"
        let inPost0 = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?e { ?e a :Person . \(visiting) }")
        XCTAssertEqual(inPost0.rows, try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?e { \(Self.asWritten) ?e a :Person . \(visiting) }").rows)
        XCTAssertEqual(inPost0.rows.count, 1)
        XCTAssertEqual(inPost0.lookups, 12 + 1 + 3)
    }

    /// A `GRAPH ?g` block rasqal runs itself (a subquery, VALUES or a nested GRAPH inside) and a
    /// basic pattern after it on ?g: rasqal bound ?g afresh in the pattern, giving ?g values that
    /// are no graph; the pattern now reads ?g (`RasqalGraphVariableJoin`), also after other
    /// members, inside OPTIONAL, and in an OPTIONAL after the block.
    func testARasqalGraphBlockJoinedWithAPatternOnItsVariable() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        for block in ["GRAPH ?post { { SELECT ?m ?e WHERE { ?m :refersTo ?e } } }", "GRAPH ?post { VALUES ?p { :refersTo } ?m ?p ?e }",
                      "GRAPH ?post { GRAPH ?post { ?m :refersTo ?e } }"] {
            let after = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?m ?agency { \(block) ?post :publishedBy ?agency }")
            let before = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?m ?agency { ?post :publishedBy ?agency \(block) }")
            XCTAssertEqual(after.rows, before.rows, block)
            XCTAssertEqual(after.rows.count, 36, block)
            let third = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?m ?agency { ?e a ?t . \(block) ?post :publishedBy ?agency }")
            XCTAssertEqual(third.rows, before.rows, block)
            let optional = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?m ?agency { ?x :publishedBy :agency0 OPTIONAL { \(block) ?post :publishedBy ?agency } }")
            XCTAssertEqual(optional.rows.count, 6 * 36, block)
            let optionalAfter = try engine.sortedAnswer(Self.prefixes + "SELECT ?post ?m ?agency { \(block) OPTIONAL { ?post :publishedBy ?agency } }")
            XCTAssertEqual(optionalAfter.rows, before.rows, block)
        }
    }

    /// A sub-SELECT's rows narrow the pattern after it with the values it projects (kept as each
    /// row is handed on: the grouped, the sorted and sliced, the distinct, VALUES, unbound ones).
    func testPatternsJoinedAfterASubSelect() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let grouped = "{ SELECT ?e (COUNT(*) AS ?n) { ?m :refersTo ?e } GROUP BY ?e }"
        let rows = try assertSameAnswers(engine, "?e ?n ?label", "\(grouped) ?e rdfs:label ?label")
        // 36 mentions grouped into 22 entities, each with its one label; not the 40 labels each time.
        XCTAssertEqual(rows.hinted, 36 + 22)
        XCTAssertEqual(rows.unhinted, 36 + 22 * 40)
        try assertSameAnswers([
            ("?e ?n ?label", "{ SELECT ?e (COUNT(*) AS ?n) { ?m :refersTo ?e } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 3 } ?e rdfs:label ?label"),
            ("?e ?t", "{ SELECT DISTINCT ?e { ?m :refersTo ?e } } ?e a ?t"),
            ("?e ?label", "{ SELECT ?e { VALUES ?e { :e1 :e2 :nobody } } } ?e rdfs:label ?label"),
            ("?e ?n ?x", "{ SELECT ?e ?n { ?e a :Person OPTIONAL { ?e :nick ?n } } } ?x :nick ?n"),
            ("?m ?other", "{ SELECT ?t { ?m :text ?t } } ?other :text ?t"),
        ])
    }

    /// A VALUES block's rows narrow the pattern after it (a SERVICE request's usual form); UNDEF
    /// narrows nothing, and a value the store lacks matches nothing, not even a path's zero-length
    /// end (W3C property-path/values_and_path).
    func testPatternsJoinedAfterAValuesBlock() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?e ?label", "VALUES ?e { :e1 :e2 :e3 :nobody } ?e rdfs:label ?label")
        XCTAssertEqual(rows.hinted, 3)
        XCTAssertEqual(rows.unhinted, 4 * 40)
        try assertSameAnswers([
            ("?e ?x ?label", "VALUES (?e ?x) { (:e1 1) (UNDEF 2) (:e4 3) } ?e rdfs:label ?label"),
            ("?m ?e ?label", "?m :refersTo ?e VALUES ?e { :e7 :e12 } ?e rdfs:label ?label"),
            ("?e ?n", "VALUES ?e { :e0 :e8 :e1 } OPTIONAL { ?e :nick ?n }"),
            ("?e ?f", "VALUES ?e { :e0 :e1 } ?e rdfs:label/^rdfs:label ?f"),
        ])
        XCTAssertEqual(try engine.sortedAnswer(Self.prefixes + "SELECT * { VALUES ?v { 1 :e1 } ?v :nick? ?v }").rows, [#"iri("http://ex/e1")"#])
    }

    /// A sub-SELECT after a basic pattern runs first (`RasqalSubqueryOrder`): written order, rasqal
    /// compares every row of the pattern with every row of the sub-SELECT (1,322 bands × 3,250
    /// groups on the demo store); run first, each of its rows looks the pattern up.
    func testASubSelectRunsBeforeThePatternWrittenBeforeIt() throws {
        // The 36 mentions, then for each of the 22 entities whether it is a person (7 are);
        // written order: the 14 people, then the 36 mentions.
        try assertRunsFirst("?e ?n", "?e a :Person . { SELECT ?e (COUNT(*) AS ?n) { ?m :refersTo ?e } GROUP BY ?e }",
                            reading: 36 + 7, asWritten: 14 + 36)
    }

    /// A VALUES block after a basic pattern runs first too: written order, every label is read
    /// (and, since 2026-11-28, looked up among the block's rows).
    func testAValuesBlockRunsBeforeThePatternWrittenBeforeIt() throws {
        // Three lookups of one label each (none for :nobody) and one of all 40 labels, for the
        // UNDEF row; written order: the 40 labels.
        try assertRunsFirst("?e ?l ?x", "?e rdfs:label ?l VALUES (?e ?x) { (:e3 1) (:e9 2) (:nobody 3) (UNDEF 4) }",
                            reading: 1 + 1 + 40, asWritten: 40)
    }

    /// `body`, whose second member runs first (`RasqalSubqueryOrder`), reads `reading` rows, and
    /// `asWritten` when kept in the order written: the same answers either way.
    private func assertRunsFirst(_ projection: String, _ body: String, reading: Int, asWritten: Int,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, projection, body, file: file, line: line)
        XCTAssertEqual(rows.hinted, reading, body, file: file, line: line)
        let written = try engine.sortedAnswer(Self.prefixes + "SELECT \(projection) { \(Self.asWritten) \(body) }")
        XCTAssertEqual(written.rows, try engine.sortedAnswer(Self.prefixes + "SELECT \(projection) { \(body) }").rows, body, file: file, line: line)
        XCTAssertEqual(written.rowsRead, asWritten, body, file: file, line: line)
    }

    /// An OPTIONAL holding a sub-SELECT is no sub-SELECT to run first or to hint from: it was
    /// moved before the pattern it extends, which made it a join (1,376 bands with or without a
    /// genre count on the demo store answered 516).
    func testAnOptionalSubSelectKeepsEveryRowItExtends() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let counted = "OPTIONAL { SELECT ?e (COUNT(*) AS ?n) { ?m :refersTo ?e } GROUP BY ?e }"
        let answer = try engine.sortedAnswer(Self.prefixes + "SELECT ?e ?n { ?e a :Person \(counted) }").rows
        XCTAssertEqual(answer.count, 14, "every person, with or without mentions")
        XCTAssertEqual(answer.filter { $0.hasSuffix(" -") }.count, 14 - 7)
        _ = try assertSameAnswers(engine, "?e ?n ?l", "?e a :Person \(counted) ?e rdfs:label ?l")
    }

    func testNestedGroupsJoined() throws {
        try assertSameAnswers([
            ("?e ?label", "{ ?e rdfs:label ?label FILTER(STRENDS(?label, \"2\")) } ?e a :Place"),
            ("?e ?label", "?e a :Place { ?e rdfs:label ?label FILTER(STRENDS(?label, \"2\")) }"),
            ("?e ?t ?n", "{ ?e a ?t } { ?e :nick ?n } { ?other :nick ?n }"),
        ])
    }

    /// A UNION's branches of basic patterns are narrowed to the left row, and so is what comes
    /// after the UNION, by the values of the branch each row came from.
    func testAUnionJoinedAfterAPattern() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?e ?x", "?e a :Person . { ?e rdfs:label ?x } UNION { ?e :nick ?x FILTER(?x != \"\") }")
        // 14 people, then each one's label and the 4 nicks they have, not all 40 labels and 10 nicks for each.
        XCTAssertEqual(rows.hinted, 14 + 14 + 4)
        XCTAssertEqual(rows.unhinted, 14 + 14 * (40 + 10))
        _ = try assertSameAnswers(engine, "?e ?x ?y", "?e a :Person . { ?e rdfs:label ?x } UNION { ?y :nick ?x } ?e :nick ?n")
        _ = try assertSameAnswers(engine, "?e ?x ?post", "?e a :Person . { ?e :nick ?x } UNION { GRAPH ?post { ?m :refersTo ?e } }")
    }

    /// A pattern after a UNION is looked up with the row's values, of whichever branch gave it;
    /// a variable the branch left unbound narrows nothing.
    func testPatternsAfterAUnion() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?e ?t ?l", "{ ?e a :Person } UNION { ?e :nick \"Nick 1\" } ?e rdfs:label ?l ; a ?t")
        // 14 people and 2 nicknamed: each one's label and type, not all 40 labels (and each
        // labelled entity's type) for each.
        XCTAssertEqual(rows.hinted, 14 + 2 + 16 * 2)
        XCTAssertEqual(rows.unhinted, 14 + 2 + 16 * (40 + 40))
        _ = try assertSameAnswers(engine, "?e ?x ?l", "{ ?e a :Person } UNION { ?x :nick \"Nick 1\" } ?e rdfs:label ?l")
        _ = try assertSameAnswers(engine, "?e ?l ?post", "{ ?e a :Person } UNION { ?e :nick ?n } GRAPH ?post { ?m :refersTo ?e } ?e rdfs:label ?l")
    }

    /// A pattern after a GRAPH block of more than one pattern, or after a group of several members,
    /// is looked up with each row's values.
    func testPatternsAfterAGraphBlockOfSeveralMembers() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?post ?e ?l", "GRAPH ?post { ?m :refersTo ?e OPTIONAL { ?m :text ?x } } ?e rdfs:label ?l")
        XCTAssertLessThan(rows.hinted * 10, rows.unhinted)
        _ = try assertSameAnswers(engine, "?e ?n ?l", "{ ?e a :Person OPTIONAL { ?e :nick ?n } } ?e rdfs:label ?l")
        _ = try assertSameAnswers(engine, "?post ?e ?l", "GRAPH ?post { ?m :refersTo ?e . { ?m :text ?x } UNION { ?m :text \"mention 1\" } } ?e rdfs:label ?l")
    }

    /// A BIND between patterns is one more right side run for each left row: the patterns after
    /// it are still narrowed by the ones before it.
    func testPatternsAfterABind() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?e ?s ?x", "?e a :Person BIND(STR(?e) AS ?s) ?e rdfs:label ?x")
        XCTAssertEqual(rows.hinted, 14 + 14)
        XCTAssertEqual(rows.unhinted, 14 + 14 * 40)
        _ = try assertSameAnswers(engine, "?e ?s ?n", "?e a :Person BIND(CONCAT(\"Nick \", STR(0)) AS ?s) ?x :nick ?s . ?e :nick ?n")
    }

    /// A right side of more than one basic pattern is looked up by the left row in its leading
    /// basic pattern, whose rows all its solutions extend; a nested OPTIONAL's pattern is not
    /// (where it does not match, the solution stays without it: W3C nested-opt-1).
    func testTheLeadingPatternOfALargerRightSide() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?e ?n ?x", "?e a :Person OPTIONAL { ?e :nick ?n OPTIONAL { ?x :nick ?n FILTER(?x != ?e) } }")
        // 14 people, then each one's nickname (4 have one) and the 2 entities of each of those 4,
        // not all 10 nicknames for each person, and all 10 again for each of those.
        XCTAssertEqual(rows.hinted, 14 + 4 + 4 * 2)
        XCTAssertEqual(rows.unhinted, 14 + 14 * (10 + 10 * 10))
        try assertSameAnswers([
            ("?e ?l ?n", "?e a :Person { ?e rdfs:label ?l OPTIONAL { ?e :nick ?n } }"),
            ("?e ?x ?n", "?e a :Person { { ?e rdfs:label ?x } UNION { ?e :nick ?x } OPTIONAL { ?e :nick ?n } }"),
            ("?e ?l ?post", "?e a :Person GRAPH ?post { ?m :refersTo ?e OPTIONAL { ?m :text ?l } }"),
            ("?e ?n ?x ?m", "?e :nick ?n OPTIONAL { ?x :nick ?m OPTIONAL { ?x :nick ?n } }"),
            ("?e ?n ?x", "?e :nick ?n OPTIONAL { FILTER(?e != :e0) ?x :nick ?n OPTIONAL { ?x rdfs:label ?l } }"),
        ])
    }

    /// An OPTIONAL's values narrow later members where it matched; where it did not, the row
    /// leaves them unbound and nothing is narrowed by them.
    func testOptionalValuesHintLaterMembersWhereTheyMatched() throws {
        let engine = try RasqalEngine(database: try makeDatabase())
        let rows = try assertSameAnswers(engine, "?e ?n ?x", "?e a :Person OPTIONAL { ?e :nick ?n } ?x :nick ?n")
        // 14 people and their 4 nicknames; then the 2 entities of each nickname for the 4
        // nicknamed, all 10 nicknames for each of the other 10 (unnarrowed, the OPTIONAL too
        // reads all 10 for each person).
        XCTAssertEqual(rows.hinted, 14 + 4 + 4 * 2 + 10 * 10)
        XCTAssertEqual(rows.unhinted, 14 + 14 * 10 + 14 * 10)
        try assertSameAnswers([
            ("?e ?n ?x", "?e a :Person OPTIONAL { ?e :nick ?n } { ?x :nick ?n }"),
            ("?e ?n ?post", "?e a :Person OPTIONAL { ?e :nick ?n } GRAPH ?post { ?m :refersTo ?e }"),
            ("?e ?n ?l", "?e a :Person OPTIONAL { ?e :nick ?n } OPTIONAL { ?x :nick ?n ; rdfs:label ?l }"),
        ])
    }
}
