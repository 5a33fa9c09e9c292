import Foundation
import RDFModel
import Redland
import SQLiteStorage
import Store
import XCTest

/// SPARQL 1.1 Update on a real on-disk store: each operation kind, atomicity, policy refusals.
final class UpdateTests: XCTestCase {
    private var folder: URL!
    private var store: Store!
    private let policy = RemotePolicy()

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-update-\(UUID().uuidString)")
        store = try Store(.directory(folder.appendingPathComponent("s.store").path))
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    private let prefix = "PREFIX : <http://example.org/>\n"
    private func ex(_ name: String) -> RDFTerm { .iri("http://example.org/" + name) }

    @discardableResult
    private func update(_ text: String, policy: RemotePolicy? = nil) throws -> UpdateSummary {
        try store.update(prefix + text, baseIRI: nil, policy: policy ?? self.policy)
    }

    /// Every quad of the store as N-Quads lines, sorted.
    private func dump() throws -> [String] {
        var lines: [String] = []
        try store.forEachQuad { lines.append($0.nquads) }
        return lines.sorted()
    }

    private func seed() throws {
        try update("""
            INSERT DATA { :a :name "A" . :a :knows :b . :b :name "B" } ;
            INSERT DATA { GRAPH :g { :a :age 42 . :c :name "C"@en } }
            """)
    }

    // MARK: DATA

    func testInsertDataAndDeleteData() throws {
        let inserted = try update("""
            INSERT DATA { :a :name "A" . :a :knows :b } ;
            INSERT DATA { GRAPH :g { :a :age 42 . :a :label "x"^^<http://www.w3.org/2001/XMLSchema#string> } }
            """)
        XCTAssertEqual(inserted, UpdateSummary(inserted: 4, deleted: 0))
        XCTAssertEqual(try dump(), [
            #"<http://example.org/a> <http://example.org/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> <http://example.org/g> ."#,
            #"<http://example.org/a> <http://example.org/knows> <http://example.org/b> ."#,
            #"<http://example.org/a> <http://example.org/label> "x" <http://example.org/g> ."#,
            #"<http://example.org/a> <http://example.org/name> "A" ."#,
        ])
        let deleted = try update("DELETE DATA { :a :name \"A\" } ; DELETE DATA { GRAPH :g { :a :age 42 } }")
        XCTAssertEqual(deleted, UpdateSummary(inserted: 0, deleted: 2))
        XCTAssertEqual(try dump().count, 2)
    }

    func testANULCharacterIsRefusedNotCutShort() throws {
        try seed()
        let before = try dump()
        for literal in [#""x\u0000y""#, #""x\U00000000y""#, "\"x\u{0}y\"", #"'''x\u0000'''"#] {
            XCTAssertThrowsError(try update("INSERT DATA { :a :name \(literal) }"), literal) { error in
                XCTAssertTrue("\(error)".contains("NUL"), "\(error)")
            }
        }
        XCTAssertThrowsError(try update(#"INSERT DATA { <http://example.org/\u0000> :name "z" }"#))
        // Nor is an escape of no character stored (rasqal wrote its bytes, which no reader decodes).
        for literal in [#""x\uD800y""#, #""\uDE00""#, #""x\U00110000""#] {
            XCTAssertThrowsError(try update("INSERT DATA { :a :name \(literal) }"), literal) { error in
                XCTAssertTrue("\(error)".contains("which is no character"), "\(error)")
            }
        }
        XCTAssertEqual(try dump(), before)
        // An escaped backslash before "u0000" is no NUL; nor is "\u0000" inside a comment.
        try update(#"INSERT DATA { :a :name "x\\u0000" } # not "\u0000" here"#)
        let after = try dump()
        XCTAssertTrue(after.contains(#"<http://example.org/a> <http://example.org/name> "x\\u0000" ."#), "\(after)")
    }

    func testDeleteDataOfAbsentTriplesIsANoOp() throws {
        try seed()
        let before = try dump()
        let summary = try update("DELETE DATA { :a :name \"not A\" . :zz :knows :b } ; DELETE DATA { GRAPH :nowhere { :a :name \"A\" } }")
        XCTAssertEqual(summary, UpdateSummary(inserted: 0, deleted: 0))
        XCTAssertEqual(try dump(), before)
    }

    func testInsertDataBlankNodesAreNewAndSharedWithinTheOperation() throws {
        try update("INSERT DATA { _:x :name \"X\" . _:x :knows :a }")
        try update("INSERT DATA { _:x :name \"X\" }")
        var subjects = Set<RDFTerm>()
        try store.forEachQuad { if $0.predicate == self.ex("name") { subjects.insert($0.subject) } }
        XCTAssertEqual(subjects.count, 2, "the same label in two requests names two blank nodes")
        let knows = try store.triples(inGraph: nil).filter { $0.predicate == ex("knows") }
        XCTAssertTrue(knows.allSatisfy { subjects.contains($0.subject) })
    }

    /// rasqal lower-cases language tags; the store keeps them as loaded, and tags compare without case.
    func testLanguageTagsMatchWhateverTheirCase() throws {
        try store.addToGraph(nil, data: Data(#"<http://example.org/a> <http://example.org/name> "Colour"@en-GB ."#.utf8),
                             mediaType: "application/n-triples", baseIRI: nil)
        XCTAssertEqual(try update(#"INSERT DATA { :a :name "Colour"@EN-gb }"#).inserted, 0, "the same literal")
        XCTAssertEqual(try update(#"DELETE DATA { :a :name "Colour"@en-GB }"#).deleted, 1)
        XCTAssertEqual(try dump(), [])
    }

    func testVariablesAndBlankNodesWhereDataForbidsThem() throws {
        XCTAssertThrowsError(try update("INSERT DATA { ?s :p :o }")) { error in
            XCTAssertTrue(error is SPARQLSyntaxError, "\(error)")
            XCTAssertTrue("\(error)".contains("variables are not allowed"), "\(error)")
        }
        XCTAssertThrowsError(try update("DELETE DATA { _:b :p :o }")) { error in
            XCTAssertTrue("\(error)".contains("blank nodes are not allowed"), "\(error)")
        }
        XCTAssertEqual(try dump(), [])
    }

    // MARK: Atomicity and errors

    func testAFailingLaterOperationUndoesTheEarlierOnes() throws {
        try seed()
        let before = try dump()
        XCTAssertThrowsError(try update("""
            INSERT DATA { :new :name "N" } ;
            DELETE DATA { :a :name "A" } ;
            DROP GRAPH :doesNotExist
            """)) { error in
            XCTAssertTrue(error is UpdateError, "\(error)")
            XCTAssertTrue("\(error)".contains("<http://example.org/doesNotExist>"), "\(error)")
        }
        XCTAssertEqual(try dump(), before)
        // The same request with SILENT succeeds.
        XCTAssertEqual(try update("INSERT DATA { :new :name \"N\" } ; DROP SILENT GRAPH :doesNotExist").inserted, 1)
    }

    func testChangesPersistAfterReopening() throws {
        try seed()
        let path = folder.appendingPathComponent("s.store").path
        store = nil
        store = try Store(.directory(path))
        XCTAssertEqual(try dump().count, 5)
    }

    func testSyntaxErrorGivesTheLine() throws {
        XCTAssertThrowsError(try store.update("PREFIX : <http://example.org/>\nINSERT DATA { :a :b :c } ;\nINSERT DATA { :a :b }",
                                              baseIRI: nil, policy: policy)) { error in
            guard let error = error as? SPARQLSyntaxError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.messages.first?.line, 3, "\(error)")
        }
    }

    /// rasqal reads `INSERT FROM <g> WHERE …` (its LAQRS form) as no operation at all: alone or
    /// after another operation, it is refused, and nothing is written.
    func testInsertFromIsRefusedWhereverItStands() throws {
        for text in ["INSERT FROM :g WHERE { ?s ?p ?o }", "INSERT DATA { :a :b :c } ; DELETE FROM :g WHERE { ?s ?p ?o }"] {
            XCTAssertThrowsError(try update(text)) { error in
                XCTAssertTrue("\(error)".contains("INSERT/DELETE FROM … is not SPARQL 1.1 Update"), "\(error)")
            }
        }
        XCTAssertEqual(try dump(), [])
    }

    /// The line of the first message of the syntax error `text` (with the test prefix on line 1) gives.
    private func syntaxErrorLine(_ text: String) -> Int? {
        do {
            try update(text)
            XCTFail("no error")
        } catch let error as SPARQLSyntaxError {
            return error.messages.first?.line
        } catch {
            XCTFail("\(error)")
        }
        return nil
    }

    /// rasqal's parser holds about 4,900 triples of one block: a DATA block is given to it cut
    /// into operations, which are one again when run, sharing their blank nodes.
    func testDataBlocksPastRasqalsStackAreCutAndMadeOneAgain() throws {
        let plain = (0..<12_000).map { ":s\($0) :p \"\($0)\" ." }.joined(separator: "\n")
        let grouped = (0..<2_500).map { ":t\($0) :p 1 ; :q 2 , 3 ." }.joined(separator: "\n")
        let summary = try update("INSERT DATA { _:b :first 1 .\n\(plain)\nGRAPH :g { \(grouped) } :last :is _:b }")
        XCTAssertEqual(summary, UpdateSummary(inserted: 12_000 + 2 + 7_500, deleted: 0))
        let blankNodes = Set(try store.triples(inGraph: nil).flatMap { [$0.subject, $0.object] }.filter(\.isBlank))
        XCTAssertEqual(blankNodes.count, 1, "one blank node across the parts")
        XCTAssertEqual(try update("DELETE DATA { \(plain) GRAPH :g { \(grouped) } }"), UpdateSummary(inserted: 0, deleted: 19_500))
        XCTAssertEqual(try dump().count, 2)
    }

    /// Cutting a DATA block inserts no line break: a message names the line as written.
    func testLinesKeepTheirNumbersInACutDataBlock() throws {
        let triples = (0..<6_000).map { ":s\($0) :p \($0) ." }
        let broken = triples.enumerated().map { $0.offset == 5_500 ? ":s :p ." : $0.element }
        XCTAssertEqual(syntaxErrorLine("INSERT DATA {\n" + broken.joined(separator: "\n") + "\n}"), 3 + 5_500, "the prefix, INSERT DATA, then the triples")
        // Also after a block of several parts, and after one cut into several operations.
        XCTAssertEqual(syntaxErrorLine("INSERT DATA { :a :b :c . GRAPH :g {\n:x :y :z } }\n;\nINSERT DATA { :a :b }"), 5)
        XCTAssertEqual(syntaxErrorLine("INSERT DATA {\n" + triples.joined(separator: "\n") + "\n} ;\nINSERT DATA { :a :b }"), 6_004)
        XCTAssertEqual(try dump(), [])
    }

    func testARequestPastRasqalsStackIsRefusedWithWhatToDo() throws {
        let operations = (0..<4_000).map { "INSERT DATA { :s\($0) :p :o }" }.joined(separator: " ;\n")
        XCTAssertThrowsError(try update(operations)) { error in
            XCTAssertTrue("\(error)".contains("about 3,300 operations in one request"), "\(error)")
        }
        XCTAssertEqual(try dump(), [])
    }

    // MARK: CLEAR, DROP, CREATE

    func testClearDefaultKeepsNamedGraphs() throws {
        try seed()
        XCTAssertEqual(try update("CLEAR DEFAULT").deleted, 3)
        XCTAssertEqual(try store.triples(inGraph: nil), [])
        XCTAssertEqual(try store.triples(inGraph: ex("g")).count, 2)
    }

    func testClearNamedKeepsTheDefaultGraph() throws {
        try seed()
        XCTAssertEqual(try update("CLEAR NAMED").deleted, 2)
        XCTAssertEqual(try store.triples(inGraph: nil).count, 3)
        XCTAssertFalse(try store.graphExists(ex("g")))
    }

    func testClearAllEmptiesTheStore() throws {
        try seed()
        XCTAssertEqual(try update("CLEAR ALL").deleted, 5)
        XCTAssertEqual(try dump(), [])
    }

    /// rasqal 0.9.33 silently stops parsing at DROP DEFAULT/NAMED/ALL: they are given to it as
    /// CLEAR, which does the same in this store (it keeps no empty graphs).
    func testDropDefaultNamedAndAllAreRead() throws {
        try seed()
        XCTAssertEqual(try update("DROP NAMED ; INSERT DATA { :x :y :z }"), UpdateSummary(inserted: 1, deleted: 2))
        XCTAssertEqual(try update("DROP SILENT DEFAULT ;").deleted, 4)
        XCTAssertEqual(try update("INSERT DATA { GRAPH :g { :x :y :z } } ; DROP ALL ; INSERT DATA { :p :q :r }"),
                       UpdateSummary(inserted: 2, deleted: 1))
        XCTAssertEqual(try dump(), ["<http://example.org/p> <http://example.org/q> <http://example.org/r> ."])
    }

    /// GRAPH before ADD's, COPY's and MOVE's graphs is optional in SPARQL 1.1; rasqal reads them
    /// only without it.
    func testGraphKeywordOfAddCopyMove() throws {
        try seed()
        XCTAssertEqual(try update("COPY GRAPH :g TO GRAPH :h ; ADD SILENT GRAPH :h TO DEFAULT ; MOVE GRAPH :h TO :i").inserted, 6)
        XCTAssertEqual(try store.triples(inGraph: ex("i")).count, 2)
        XCTAssertFalse(try store.graphExists(ex("h")))
    }

    /// rasqal reads INSERT DATA over plain triples or one GRAPH block: one of several parts is read
    /// as one operation per part and made one again, so its blank nodes stay one.
    func testInsertDataOfSeveralGraphsSharesItsBlankNodes() throws {
        XCTAssertEqual(try update("INSERT DATA { :a :b :c . GRAPH :g1 { _:b :p :o } GRAPH :g2 { _:b :p :o } :d :e _:b }").inserted, 4)
        let nodes = Set(try store.triples(inGraph: nil).map(\.object) + store.triples(inGraph: ex("g1")).map(\.subject)
                        + store.triples(inGraph: ex("g2")).map(\.subject)).filter(\.isBlank)
        XCTAssertEqual(nodes.count, 1)
        XCTAssertEqual(try update("DELETE DATA { GRAPH :g1 { :x :y :z } GRAPH :g2 { :x :y :z } :a :b :c }").deleted, 1)
    }

    func testClearAndDropOfOneGraph() throws {
        try seed()
        try update("INSERT DATA { GRAPH :h { :x :y :z } }")
        XCTAssertEqual(try update("CLEAR GRAPH :g").deleted, 2)
        XCTAssertEqual(try update("CLEAR GRAPH :g").deleted, 0, "CLEAR of an empty graph is not an error")
        XCTAssertEqual(try update("DROP GRAPH :h").deleted, 1)
        XCTAssertEqual(try store.triples(inGraph: nil).count, 3)
    }

    func testCreateGraph() throws {
        try seed()
        XCTAssertEqual(try update("CREATE GRAPH :new"), UpdateSummary())
        XCTAssertThrowsError(try update("CREATE <http://example.org/g>")) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        XCTAssertNoThrow(try update("CREATE SILENT <http://example.org/g>"))
    }

    // MARK: Templates and WHERE

    func testRenamingAPropertyWithInsertWhereAndDeleteWhere() throws {
        try seed()
        let summary = try update("INSERT { ?s :label ?o } WHERE { ?s :name ?o } ; DELETE WHERE { ?s :name ?o }")
        // The union default graph sees :c's name in :g too; the rename writes the default graph.
        XCTAssertEqual(summary.inserted, 3)
        XCTAssertEqual(summary.deleted, 2)
        let defaultGraph = try store.triples(inGraph: nil).map(\.nquads).sorted()
        XCTAssertEqual(defaultGraph, [
            #"<http://example.org/a> <http://example.org/knows> <http://example.org/b> ."#,
            #"<http://example.org/a> <http://example.org/label> "A" ."#,
            #"<http://example.org/b> <http://example.org/label> "B" ."#,
            #"<http://example.org/c> <http://example.org/label> "C"@en ."#,
        ])
    }

    func testWithDeleteInsertWhereRenamesWithinOneGraph() throws {
        try seed()
        try update("INSERT DATA { GRAPH :g { :d :name \"D\" } }")
        let summary = try update("WITH :g DELETE { ?s :name ?o } INSERT { ?s :label ?o } WHERE { ?s :name ?o }")
        XCTAssertEqual(summary, UpdateSummary(inserted: 2, deleted: 2))
        XCTAssertEqual(try store.triples(inGraph: ex("g")).filter { $0.predicate == ex("label") }.count, 2)
        XCTAssertEqual(try store.triples(inGraph: nil).filter { $0.predicate == ex("name") }.count, 2,
                       "the default graph's names are outside WITH's graph")
    }

    /// WITH gives the templates' triples outside GRAPH its graph (rasqal put it on all of them)
    /// and the WHERE clause its default graph, also in a request of several operations.
    func testWithLeavesATemplatesOwnGraphAlone() throws {
        try seed()
        let summary = try update("""
            INSERT DATA { :z :name "Z" } ;
            WITH :g INSERT { ?s :copied ?o . GRAPH :h { ?s :also ?o } ?s :again ?o } WHERE { ?s :name ?o }
            """)
        XCTAssertEqual(summary.inserted, 4, "Z, then C's name in :g thrice")
        XCTAssertEqual(Set(try store.triples(inGraph: ex("g")).map(\.predicate)), [ex("age"), ex("name"), ex("copied"), ex("again")])
        XCTAssertEqual(try store.triples(inGraph: ex("h")).map(\.subject), [ex("c")])
    }

    /// rasqal reads DELETE … INSERT … WHERE only after WITH; without it the store splits it for
    /// rasqal and joins it again: one WHERE clause, evaluated once, before anything changes.
    func testDeleteInsertWhereWithoutWith() throws {
        try seed()
        let renamed = try update("DELETE { ?s :name ?o } INSERT { ?s :label ?o } WHERE { ?s :name ?o }")
        XCTAssertEqual(renamed, UpdateSummary(inserted: 3, deleted: 2), "C's name is in :g, not the default graph")
        let aged = try update("""
            DELETE { GRAPH :g { ?s :age ?old } } INSERT { GRAPH :g { ?s :age ?new } }
            USING NAMED :g WHERE { GRAPH :g { ?s :age ?old } BIND(?old + 1 AS ?new) } ;
            INSERT DATA { :z :name "Z" }
            """)
        XCTAssertEqual(aged, UpdateSummary(inserted: 2, deleted: 1))
        XCTAssertEqual(try store.triples(inGraph: ex("g")).filter { $0.predicate == ex("age") }.map(\.object),
                       [.literal("43", datatype: Vocabulary.xsdInteger)])
    }

    func testDeleteWhereWithAGraphVariableAndFilteredInsertWhere() throws {
        try seed()
        try update("INSERT { GRAPH :adults { ?s :age ?age } } WHERE { GRAPH ?g { ?s :age ?age } FILTER(?age > 18) }")
        XCTAssertEqual(try store.triples(inGraph: ex("adults")).count, 1)
        XCTAssertEqual(try update("DELETE { GRAPH ?g { ?s :age ?age } } WHERE { GRAPH ?g { ?s :age ?age } }").deleted, 2)
        XCTAssertFalse(try store.graphExists(ex("adults")))
        // rasqal flattens DELETE WHERE only over plain triples: it is given DELETE { P } WHERE { P }.
        XCTAssertEqual(try update("DELETE WHERE { GRAPH ?g { ?s :name ?o } }").deleted, 1)
        XCTAssertEqual(try store.triples(inGraph: ex("g")).filter { $0.predicate == ex("name") }, [])
    }

    func testTemplatesWithUnboundOrIllFormedTermsAreSkipped() throws {
        try seed()
        // ?o is a literal for :name, so it cannot be a subject; ?missing is never bound.
        let summary = try update("INSERT { ?o :nameOf ?s . ?s :other ?missing . ?s :ok ?o } WHERE { ?s :name ?o OPTIONAL { ?s :nothing ?missing } }")
        XCTAssertEqual(summary.inserted, 3, "only the :ok triples are well-formed")
    }

    func testInsertWhereBlankNodesAreNewPerSolution() throws {
        try seed()
        try update("INSERT { _:n :describes ?s } WHERE { ?s :name ?o }")
        let nodes = Set(try store.triples(inGraph: nil).filter { $0.predicate == ex("describes") }.map(\.subject))
        XCTAssertEqual(nodes.count, 3)
        XCTAssertTrue(nodes.allSatisfy(\.isBlank))
    }

    func testInsertWhereWithoutVariables() throws {
        try seed()
        XCTAssertEqual(try update("INSERT { :flag :is :set } WHERE { :a :knows :b }").inserted, 1)
        XCTAssertEqual(try update("INSERT { :flag2 :is :set } WHERE { :a :knows :nobody }").inserted, 0)
    }

    /// What the WHERE selects must be what the same pattern selects as a query.
    func testWherePatternsKeepTheirMeaning() throws {
        try update(#"""
            INSERT DATA { :a :name "A \"q\"\nline"@en-GB . :a :age 42 . :b :name "B" . :b :flag true .
                          :c :age 7 . :c :when "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> }
            """#)
        let pattern = #"""
            { { ?s :name ?n FILTER(langMatches(lang(?n), "en") || regex(str(?n), "^b", "i")) }
              UNION { ?s :flag true VALUES ?n { "flagged" } }
              UNION { ?s :when "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> }
              OPTIONAL { ?s :age ?age FILTER(?age >= 10 && ?age < 1.0e2 && ?age IN (42, 43)) } }
            """#
        guard case .solutions(let cursor) = try store.query(prefix + "SELECT ?s ?n ?age WHERE " + pattern) else { return XCTFail() }
        var rows: [[RDFTerm?]] = []
        while let row = cursor.next() { rows.append(row) }
        XCTAssertEqual(rows.count, 4)
        try update("INSERT { GRAPH :out { ?s :n ?n . ?s :age ?age . ?s :seen true } } WHERE " + pattern)
        let out = try store.triples(inGraph: ex("out"))
        for (column, property) in [(1, "n"), (2, "age")] {
            let expected = Set(rows.compactMap { row in row[column].map { [row[0]!, $0] } })
            let copied = Set(out.filter { $0.predicate == ex(property) }.map { [$0.subject, $0.object] })
            XCTAssertEqual(copied, expected, property)
        }
        XCTAssertEqual(Set(out.filter { $0.predicate == ex("seen") }.map(\.subject)), Set(rows.map { $0[0]! }))
    }

    /// The WHERE clause goes to the query engine as written: BIND, EXISTS, MINUS, paths,
    /// subqueries and STRSTARTS, which rasqal's update grammar or its writer lost, all work.
    func testWhereClausesUseAllOfSPARQL() throws {
        try seed()
        XCTAssertEqual(try update("INSERT { ?s :upper ?u } WHERE { ?s :name ?o BIND(UCASE(STR(?o)) AS ?u) }").inserted, 3)
        XCTAssertEqual(try update("DELETE { ?s :name ?o } WHERE { ?s :name ?o FILTER NOT EXISTS { ?s :knows ?x } }").deleted, 1,
                       "only B's name is in the default graph and knows nobody")
        XCTAssertEqual(try update("INSERT { ?s :reaches ?t } WHERE { ?s :knows+ ?t }").inserted, 1)
        XCTAssertEqual(try update("DELETE { ?s :upper ?u } WHERE { ?s :upper ?u FILTER(STRSTARTS(?u, \"A\")) MINUS { ?s :age 7 } }").deleted, 1)
        XCTAssertEqual(try update("INSERT { ?s :facts ?n } WHERE { { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s :upper ?u } GROUP BY ?s } }").inserted, 2)
        XCTAssertTrue(try dump().contains(#"<http://example.org/b> <http://example.org/upper> "B" ."#))
        XCTAssertFalse(try dump().contains(#"<http://example.org/a> <http://example.org/upper> "A" ."#))
    }

    /// Each clause reads the declarations before it, wherever they stand in the request, and the
    /// request's base; an error in it gives the request's line.
    func testWhereClausesReadTheirPrologueAndBase() throws {
        try seed()
        let text = "INSERT { ?s :n ?o } WHERE { ?s :name ?o } ;\nPREFIX e: <http://example.org/>\nINSERT { ?s e:k ?o } WHERE { ?s <knows> ?o }"
        XCTAssertEqual(try store.update(prefix + text, baseIRI: "http://example.org/", policy: policy).inserted, 4)
        XCTAssertThrowsError(try store.update(prefix + "INSERT { ?s :n ?o }\nWHERE\n{ ?s :name ?o\n FILTER(?o = ) }",
                                              baseIRI: nil, policy: policy)) { error in
            guard let error = error as? SPARQLSyntaxError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.messages.first?.line, 5, "\(error)")
        }
    }

    /// USING and USING NAMED (which rasqal's update grammar lacks) give the WHERE clause its
    /// dataset, as FROM and FROM NAMED give a query's.
    func testUsingGivesTheWhereClauseItsDataset() throws {
        try seed()
        XCTAssertEqual(try update("INSERT { ?s :inG ?o } USING :g WHERE { ?s :name ?o }").inserted, 1)
        XCTAssertEqual(try store.triples(inGraph: nil).filter { $0.predicate == ex("inG") }.map(\.subject), [ex("c")])
        XCTAssertEqual(try update("INSERT { ?s :seenIn ?g } USING NAMED :g WHERE { GRAPH ?g { ?s :age ?a } }").inserted, 1)
        XCTAssertEqual(try update("INSERT { ?s :nowhere ?g } USING :g WHERE { GRAPH ?g { ?s ?p ?o } }").inserted, 0,
                       "USING alone names no graph")
        XCTAssertThrowsError(try store.update(prefix + "INSERT { ?s :x ?o } USING :g WHERE { ?s :name ?o }", baseIRI: nil, policy: policy,
                                              dataset: ProtocolDataset(defaultGraphs: ["http://example.org/g"]))) { error in
            XCTAssertTrue(error is UpdateError, "\(error)")
        }
    }

    func testServiceOffTheAllowListIsRefusedBeforeAnythingIsWritten() throws {
        try seed()
        let before = try store.graphSizes().map(\.quads)
        XCTAssertThrowsError(try update("INSERT DATA { :new :p :o } ; INSERT { ?s :p ?o } WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s :p ?o } }")) { error in
            XCTAssertTrue(error is ServiceRefused, "\(error)")
            XCTAssertTrue("\(error)".contains("http://127.0.0.1:1/sparql"), "\(error)")
        }
        XCTAssertEqual(try store.graphSizes().map(\.quads), before)
    }

    // MARK: ADD, MOVE, COPY

    func testAddMoveCopy() throws {
        try seed()
        XCTAssertEqual(try update("ADD :g TO :h").inserted, 2)
        XCTAssertEqual(try store.triples(inGraph: ex("h")).count, 2)
        XCTAssertEqual(try update("COPY DEFAULT TO :h"), UpdateSummary(inserted: 3, deleted: 2))
        XCTAssertEqual(try store.triples(inGraph: ex("h")).count, 3)
        // MOVE replaces the target: the default graph's 3 triples go, :g's 2 arrive, :g goes.
        XCTAssertEqual(try update("MOVE :g TO DEFAULT"), UpdateSummary(inserted: 2, deleted: 5))
        XCTAssertFalse(try store.graphExists(ex("g")))
        XCTAssertEqual(try store.triples(inGraph: nil).count, 2)
        XCTAssertEqual(try update("MOVE :h TO :h"), UpdateSummary(), "a graph moved onto itself is unchanged")
        XCTAssertThrowsError(try update("ADD :missing TO :h"))
        XCTAssertEqual(try update("ADD SILENT :missing TO :h"), UpdateSummary())
    }

    // MARK: LOAD

    func testLoadOfALocalFileIsRefused() throws {
        let open = RemotePolicy(allowList: ["http://example.org/", "file:///"])
        for text in ["LOAD <file:///etc/passwd>", "LOAD SILENT <file:///etc/passwd> INTO GRAPH :g"] {
            XCTAssertThrowsError(try update(text, policy: open)) { error in
                XCTAssertTrue(error is UpdateRefused, "\(error)")
                XCTAssertTrue("\(error)".contains("file:///etc/passwd"), "\(error)")
            }
        }
        XCTAssertEqual(try dump(), [])
    }
    /// LOAD SILENT of a scheme no store fetches is a LOAD that fails, which SILENT makes a no-op;
    /// without SILENT it is refused.
    func testLoadSilentOfAnUnfetchableSchemeChangesNothing() throws {
        XCTAssertEqual(try update("LOAD SILENT <somescheme://example.com/g> INTO GRAPH :g ; INSERT DATA { :a :b :c }").inserted, 1)
        XCTAssertThrowsError(try update("LOAD <somescheme://example.com/g>")) { XCTAssertTrue($0 is UpdateRefused, "\($0)") }
    }


    func testLoadOutsideTheAllowListIsRefusedBeforeAnythingRuns() throws {
        let policy = RemotePolicy(allowList: ["http://data.example.org/"])
        XCTAssertThrowsError(try update("INSERT DATA { :a :b :c } ; LOAD <http://127.0.0.1:1/secret.ttl>", policy: policy)) { error in
            XCTAssertTrue(error is UpdateRefused, "\(error)")
            XCTAssertTrue("\(error)".contains("http://127.0.0.1:1/secret.ttl"), "\(error)")
        }
        XCTAssertThrowsError(try update("LOAD <http://data.example.org/x.ttl>")) { error in
            XCTAssertTrue("\(error)".contains("loads no documents"), "an empty allow-list refuses every LOAD: \(error)")
        }
        XCTAssertEqual(try dump(), [])
    }

    func testAllowListPrefixesMatchAtABoundary() {
        let policy = RemotePolicy(allowList: ["http://example.org", "https://data.example.com/kg/", "file:///tmp/"])
        XCTAssertTrue(policy.allows("http://example.org/a.ttl"))
        XCTAssertTrue(policy.allows("http://example.org"))
        XCTAssertFalse(policy.allows("http://example.org.evil.com/a.ttl"))
        XCTAssertFalse(policy.allows("http://example.org@127.0.0.1/a.ttl"))
        XCTAssertTrue(policy.allows("https://data.example.com/kg/x.nt"))
        XCTAssertFalse(policy.allows("https://data.example.com/other"))
        XCTAssertFalse(policy.allows("file:///tmp/x.ttl"), "file: is never allowed")
    }
}
