import RDFModel
import SPARQLResults
import XCTest

final class TextFormatsTests: XCTestCase {
    private let table = SolutionTable(variables: ["x", "label"], rows: [
        [.iri("http://e/a"), .literal("say \"hi\", then\nleave", language: "en")],
        [.blank("b1"), nil],
        [nil, .literal("4.5", datatype: Fixture.xsd + "decimal")],
    ])

    func testCSVExactText() {
        XCTAssertEqual(Fixture.render(table, as: .csv),
                       "x,label\r\nhttp://e/a,\"say \"\"hi\"\", then\nleave\"\r\n_:b1,\r\n,4.5\r\n")
    }

    func testTSVExactText() {
        XCTAssertEqual(Fixture.render(table, as: .tsv),
                       "?x\t?label\n<http://e/a>\t\"say \\\"hi\\\", then\\nleave\"@en\n_:b1\t\n\t\"4.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>\n")
    }

    func testTableExactText() {
        XCTAssertEqual(Fixture.render(SolutionTable(variables: ["x", "n"], rows: [
            [.iri("http://e/a"), .literal("1", datatype: Fixture.xsd + "integer")],
            [.literal("é😀"), nil],
        ]), as: .table), """
        +--------------+-------------------------------------------------+
        | ?x           | ?n                                              |
        +--------------+-------------------------------------------------+
        | <http://e/a> | "1"^^<http://www.w3.org/2001/XMLSchema#integer> |
        | "é😀"         |                                                 |
        +--------------+-------------------------------------------------+
        2 rows

        """)
        var ask = ""
        ResultsFormat.table.writeBoolean(false) { ask += $0 }
        XCTAssertEqual(ask, "false\n")
    }

    func testTSVRoundTripAndTurtleShorthands() throws {
        XCTAssertEqual(try TSVResultsReader.read(Fixture.render(Fixture.awkwardTable, as: .tsv)), Fixture.awkwardTable)
        let read = try TSVResultsReader.read("?n\n4\n-5.5\n1.0e6\ntrue\n")
        XCTAssertEqual(read.rows.map { $0[0] }, [
            .literal("4", datatype: Fixture.xsd + "integer"), .literal("-5.5", datatype: Fixture.xsd + "decimal"),
            .literal("1.0e6", datatype: Fixture.xsd + "double"), .literal("true", datatype: Fixture.xsd + "boolean"),
        ])
        XCTAssertThrowsError(try TSVResultsReader.read("?n\nbare-word\n"))
        XCTAssertThrowsError(try TSVResultsReader.read("?a\t?b\n<http://e/a>\n"))
    }

    func testCSVReaderUndoesQuoting() throws {
        let read = try CSVResultsReader.read(Fixture.render(table, as: .csv))
        XCTAssertEqual(read, SolutionTable(variables: ["x", "label"], rows: [
            [.literal("http://e/a"), .literal("say \"hi\", then\nleave")],
            [.blank("b1"), nil],
            [nil, .literal("4.5")],
        ]))
    }
}
