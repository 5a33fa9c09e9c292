import RDFModel
@testable import SQLiteStorage
import XCTest

/// Basic patterns matched in the order estimated to read fewest rows (`RasqalPatternOrder`), not
/// as written: the same answers, far fewer rows read, placeholders kept after the triples whose
/// values they read.
final class JoinOrderTests: XCTestCase {
    private static let prefixes = "PREFIX : <http://ex/>\n"

    /// 1,000 people with a name; every 100th is :rare; each knows the next; the first 50 are flagged.
    private func makeEngine() throws -> RasqalEngine {
        var quads: [Quad] = []
        let ex = { (name: String) in RDFTerm.iri("http://ex/" + name) }
        for i in 0..<1000 {
            quads.append(Quad(ex("p\(i)"), ex("name"), .literal("Person \(i)")))
            quads.append(Quad(ex("p\(i)"), ex("knows"), ex("p\((i + 1) % 1000)")))
            if i % 100 == 0 { quads.append(Quad(ex("p\(i)"), ex("kind"), ex("rare"))) }
            if i < 50 { quads.append(Quad(ex("p\(i)"), ex("flag"), .literal("true"))) }
        }
        return try .holding(quads)
    }

    /// `badly` and `well` (the same pattern, its selective triple first) give the same rows;
    /// returns the rows `badly` read.
    private func assertSameAnswers(_ engine: RasqalEngine, _ badly: String, _ well: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let bad = try engine.sortedAnswer(Self.prefixes + badly), good = try engine.sortedAnswer(Self.prefixes + well)
        XCTAssertEqual(bad.rows, good.rows, file: file, line: line)
        XCTAssertFalse(bad.rows.isEmpty, file: file, line: line)
        return bad.rowsRead
    }

    func testTheSelectiveTripleIsMatchedFirst() throws {
        let engine = try makeEngine()
        let read = try assertSameAnswers(engine, "SELECT ?x ?n { ?x :name ?n . ?x :kind :rare }",
                                         "SELECT ?x ?n { ?x :kind :rare . ?x :name ?n }")
        // 10 rare people and one name each, where the written order reads 1,000 names and looks
        // each one's kind up.
        XCTAssertLessThanOrEqual(read, 20)
        let all = try assertSameAnswers(engine, "SELECT ?x ?p ?o { ?x ?p ?o . ?x :kind :rare }",
                                        "SELECT ?x ?p ?o { ?x :kind :rare . ?x ?p ?o }")
        XCTAssertLessThan(all, 100)
    }

    /// Two hops: from the rare people to whom they know and those people's names, where the
    /// written order starts at every name.
    func testJoinsFollowTheBoundVariables() throws {
        let engine = try makeEngine()
        let read = try assertSameAnswers(engine, "SELECT ?y ?n { ?y :name ?n . ?x :knows ?y . ?x :kind :rare }",
                                         "SELECT ?y ?n { ?x :kind :rare . ?x :knows ?y . ?y :name ?n }")
        XCTAssertLessThanOrEqual(read, 40)
    }

    /// Inside an OPTIONAL, the variables the solution it extends narrows it by count as bound:
    /// whom each rare person knows, then that one's name, where the written order reads every
    /// name again for each rare person.
    func testAnOptionalIsOrderedGivenTheValuesOfTheRowItExtends() throws {
        let engine = try makeEngine()
        let read = try assertSameAnswers(engine, "SELECT ?x ?n { ?x :kind :rare OPTIONAL { ?y :name ?n . ?x :knows ?y } }",
                                         "SELECT ?x ?n { ?x :kind :rare OPTIONAL { ?x :knows ?y . ?y :name ?n } }")
        XCTAssertLessThanOrEqual(read, 40)
    }

    /// A constant the store lacks matches nothing: started there, nothing else is read.
    func testAnAbsentTermIsMatchedFirst() throws {
        let engine = try makeEngine()
        let answer = try engine.sortedAnswer(Self.prefixes + "SELECT ?x { ?x :name ?n . ?x :kind :absent }")
        XCTAssertEqual(answer.rows, [])
        XCTAssertEqual(answer.rowsRead, 0)
    }

    /// A check (EXISTS, MINUS) and a path stay where they are, after the triples whose values
    /// they read; the triples before and after them are ordered each on their own.
    func testPlaceholdersKeepTheTriplesBeforeThem() throws {
        let engine = try makeEngine()
        let read = try assertSameAnswers(engine, "SELECT ?x ?n { ?x :name ?n . ?x :kind :rare FILTER NOT EXISTS { ?x :flag ?f } }",
                                         "SELECT ?x ?n { ?x :kind :rare . ?x :name ?n FILTER NOT EXISTS { ?x :flag ?f } }")
        XCTAssertLessThanOrEqual(read, 40, "the triples before the check are ordered (1,000 names read otherwise)")
        _ = try assertSameAnswers(engine, "SELECT ?x ?n { ?x :name ?n . ?x :kind :rare MINUS { ?x :flag ?f } }",
                                  "SELECT ?x ?n { ?x :kind :rare . ?x :name ?n MINUS { ?x :flag ?f } }")
        _ = try assertSameAnswers(engine, "SELECT ?x ?y { ?x :name ?n . ?x :kind :rare . ?x :knows/:knows ?y . ?y :name ?m . ?y :flag ?f }",
                                  "SELECT ?x ?y { ?x :kind :rare . ?x :name ?n . ?x :knows/:knows ?y . ?y :flag ?f . ?y :name ?m }")
    }

    /// Estimates close to each other keep the order written (the cheapest must cost under half).
    func testTheWrittenOrderStaysUnlessAnotherIsMuchCheaper() throws {
        let engine = try makeEngine()
        let written = try engine.sortedAnswer(Self.prefixes + "SELECT ?x { ?x :knows ?y . ?x :name ?n }")
        XCTAssertEqual(written.rows.count, 1000)
        XCTAssertEqual(written.rowsRead, 2000)
    }
}
