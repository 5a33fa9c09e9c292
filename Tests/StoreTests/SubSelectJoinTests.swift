import RDFModel
import SQLiteStorage
import XCTest

/// A sub-SELECT or VALUES block on the right of a join (an OPTIONAL's, a group member after
/// triple patterns) is read once per run of the join and its rows handed out again for each left
/// row, only those that can share its value of a variable (`rasqal_join_left_rows.c`); rasqal ran
/// it again for every left row and compared each of its rows.
final class SubSelectJoinTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"

    /// Ten people e0…e9, each with e(i+1), e(i+2) … up to i % 4 spouses (e0 none); e3 and e7 have
    /// the literal spouse "x". Graph :g1 holds e0…e4's :knows e5, :g2 e5…e9's :knows e0.
    private func makeEngine() throws -> RasqalEngine {
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        var quads: [Quad] = []
        for person in 0..<10 {
            quads.append(Quad(ex("e\(person)"), .iri(Vocabulary.rdfType), ex("Person")))
            for k in 0..<(person % 4) { quads.append(Quad(ex("e\(person)"), ex("spouse"), ex("e\((person + k + 1) % 10)"))) }
            if person % 4 == 3 { quads.append(Quad(ex("e\(person)"), ex("spouse"), .literal("x"))) }
            quads.append(Quad(ex("e\(person)"), ex("knows"), ex(person < 5 ? "e5" : "e0"), graph: ex(person < 5 ? "g1" : "g2")))
        }
        return try RasqalEngine.holding(quads)
    }

    func testAnOptionalSubSelectIsReadOnce() throws {
        let engine = try makeEngine()
        let query = Self.prefixes + "SELECT ?p ?k { ?p a :Person OPTIONAL { { SELECT ?p (COUNT(?s) AS ?k) { ?p :spouse ?s } GROUP BY ?p } } }"
        XCTAssertEqual(try engine.answerLines(query, shortening: "http://ex/").sorted(),
                       ["e0 -", "e1 1", "e2 2", "e3 4", "e4 -", "e5 1", "e6 2", "e7 4", "e8 -", "e9 1"])
        // The people, then the spouses once: not once per person.
        XCTAssertEqual(try engine.sortedAnswer(query).lookups, 2)
    }

    func testATrailingValuesBlockIsReadOnce() throws {
        let engine = try makeEngine()
        let query = Self.prefixes + "SELECT ?p ?s { ?p :spouse ?s VALUES (?p ?s) { (:e2 :e3) (:e7 \"x\") (:e0 :e1) } }"
        XCTAssertEqual(try engine.answerLines(query, shortening: "http://ex/").sorted(), ["e2 e3", "e7 x"])
    }

    /// The answers the same sub-SELECT gives when written as the triple patterns it stands for.
    func testKeptRowsGiveTheAnswersOfThePatternAsWritten() throws {
        let engine = try makeEngine()
        let pairs: [(String, String)] = [
            ("?p ?s { ?p a :Person OPTIONAL { { SELECT ?p ?s { ?p :spouse ?s } } } }",
             "?p ?s { ?p a :Person OPTIONAL { ?p :spouse ?s } }"),
            // An IRI, a literal or nothing on either side of the shared variable.
            ("?p ?s { ?p a :Person OPTIONAL { { SELECT ?s ?p { ?s :spouse ?p } } } }",
             "?p ?s { ?p a :Person OPTIONAL { ?s :spouse ?p } }"),
            ("?s ?p { ?x :spouse ?s { SELECT DISTINCT ?s ?p { ?p :spouse ?s } } }",
             "?s ?p { ?x :spouse ?s . ?p :spouse ?s }"),
            // The OPTIONAL's FILTER reads both sides.
            ("?p ?s { ?p a :Person OPTIONAL { { SELECT ?p ?s { ?p :spouse ?s } } FILTER(?s != :e4) } }",
             "?p ?s { ?p a :Person OPTIONAL { ?p :spouse ?s FILTER(?s != :e4) } }"),
            // Inside another OPTIONAL, run again for each of its left rows.
            ("?p ?q ?s { ?p :knows ?q OPTIONAL { ?q a :Person OPTIONAL { { SELECT ?q ?s { ?q :spouse ?s } } } } }",
             "?p ?q ?s { ?p :knows ?q OPTIONAL { ?q a :Person OPTIONAL { ?q :spouse ?s } } }"),
            // In each graph its own rows: kept only until the join is run again for the next graph.
            ("?g ?p ?q ?r { GRAPH ?g { ?p :knows ?q OPTIONAL { { SELECT ?p ?r { ?r :knows ?p } } } } }",
             "?g ?p ?q ?r { GRAPH ?g { ?p :knows ?q OPTIONAL { ?r :knows ?p } } }"),
            ("?g ?p ?n { GRAPH ?g { ?p :knows ?q OPTIONAL { { SELECT ?q (COUNT(*) AS ?n) { ?x :knows ?q } GROUP BY ?q } } } }",
             "?g ?p ?n { GRAPH ?g { ?p :knows ?q } { SELECT ?g ?q (COUNT(*) AS ?n) { GRAPH ?g { ?x :knows ?q } } GROUP BY ?g ?q } }"),
            // A VALUES block after the patterns: IRIs, a literal and UNDEF on its side.
            ("?p ?s { ?p :spouse ?s VALUES ?p { :e1 :e3 :e9 } }",
             "?p ?s { VALUES ?p { :e1 :e3 :e9 } ?p :spouse ?s }"),
            ("?p ?s { ?p :spouse ?s VALUES (?s ?p) { (:e4 UNDEF) (\"x\" :e7) (UNDEF :e1) (:e3 :e2) } }",
             "?p ?s { VALUES (?s ?p) { (:e4 UNDEF) (\"x\" :e7) (UNDEF :e1) (:e3 :e2) } ?p :spouse ?s }"),
            ("?g ?p ?n { GRAPH ?g { ?p :knows ?q } { SELECT ?g ?q (COUNT(*) AS ?n) { GRAPH ?g { ?x :knows ?q } } GROUP BY ?g ?q } }",
             "?g ?p ?n { { SELECT ?g ?q (COUNT(*) AS ?n) { GRAPH ?g { ?x :knows ?q } } GROUP BY ?g ?q } GRAPH ?g { ?p :knows ?q } }"),
        ]
        for (subSelect, written) in pairs {
            let kept = try engine.sortedAnswer(Self.prefixes + "SELECT " + subSelect).rows
            XCTAssertFalse(kept.isEmpty, subSelect)
            XCTAssertEqual(kept, try engine.sortedAnswer(Self.prefixes + "SELECT " + written).rows, subSelect)
        }
    }
}
