import Foundation
import RDFModel
import SPARQLResults
import XCTest

final class XMLResultsTests: XCTestCase {
    func testRoundTripThroughReader() throws {
        let text = Fixture.render(Fixture.awkwardTable, as: .xml)
        let read = try XMLResultsReader.read(Data(text.utf8))
        // U+0001 cannot appear in XML 1.0, so the writer substitutes U+FFFD; everything else survives.
        var expected = Fixture.awkwardTable
        expected.rows[0][1] = .literal("emoji 😀 \"quoted\"\nline\ttab\r\\ and \u{FFFD} control", language: "en-GB")
        XCTAssertEqual(read, .solutions(expected))
    }

    func testEscapesMarkupAndUsesTheNamespace() {
        let text = Fixture.render(SolutionTable(variables: ["x"], rows: [[.iri("http://e/?a&b<c>")]]), as: .xml)
        XCTAssertTrue(text.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"))
        XCTAssertTrue(text.contains("<binding name=\"x\"><uri>http://e/?a&amp;b&lt;c&gt;</uri></binding>"))
    }

    func testBooleanRoundTrip() throws {
        for value in [true, false] {
            var text = ""
            ResultsFormat.xml.writeBoolean(value) { text += $0 }
            XCTAssertEqual(try XMLResultsReader.read(Data(text.utf8)), .boolean(value))
        }
    }

    func testReadsW3CStyleDocument() throws {
        let srx = """
        <?xml version="1.0"?>
        <sparql xmlns="http://www.w3.org/2005/sparql-results#">
          <head><variable name="x"/><variable name="y"/></head>
          <results>
            <result><binding name="x"><literal xml:lang="EN">hi</literal></binding></result>
            <result><binding name="y"><literal datatype="http://e/dt">v</literal></binding>
                    <binding name="x"><bnode>r1</bnode></binding></result>
          </results>
        </sparql>
        """
        XCTAssertEqual(try XMLResultsReader.read(Data(srx.utf8)), .solutions(SolutionTable(variables: ["x", "y"], rows: [
            [.literal("hi", language: "EN"), nil],
            [.blank("r1"), .literal("v", datatype: "http://e/dt")],
        ])))
        XCTAssertThrowsError(try XMLResultsReader.read(Data("<sparql><head>".utf8)))
    }
}
