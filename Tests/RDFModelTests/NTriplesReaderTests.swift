import XCTest
@testable import RDFModel

final class NTriplesReaderTests: XCTestCase {
    func testReadsTriplesQuadsAndComments() throws {
        let text = """
        # a comment
        <http://e/a> <http://e/p> "x"@en-US .
        _:b1 <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g> .

        <http://e/a> <http://e/p> _:b.1. # label may contain but not end with a dot
        """
        let quads = try NTriplesReader.quads(from: text)
        XCTAssertEqual(quads, [
            Quad(.iri("http://e/a"), .iri("http://e/p"), .literal("x", language: "en-US")),
            Quad(.blank("b1"), .iri("http://e/p"),
                 .literal("1", datatype: "http://www.w3.org/2001/XMLSchema#integer"), graph: .iri("http://e/g")),
            Quad(.iri("http://e/a"), .iri("http://e/p"), .blank("b.1")),
        ])
    }

    func testUnescapesStringsAndIRIs() throws {
        let term = try NTriplesReader.term(from: #""q\"\n\t\u00E9\U0001F600\\""#)
        XCTAssertEqual(term, .literal("q\"\n\té😀\\"))
        XCTAssertEqual(try NTriplesReader.term(from: #"<http://e/\u00E9>"#), .iri("http://e/é"))
    }

    func testRoundTripsWhatTheWriterEscapes() throws {
        let original: [RDFTerm] = [
            .literal("line\nbreak \"quoted\" \u{1} tab\t 😀", language: "fr"),
            .literal("v", datatype: "http://e/dt"),
            .iri("http://e/with space"),
        ]
        for term in original {
            XCTAssertEqual(try NTriplesReader.term(from: term.ntriples), term)
        }
    }

    func testReportsLineOfSyntaxError() {
        XCTAssertThrowsError(try NTriplesReader.quads(from: "<http://e/a> <http://e/p> <http://e/o> .\n<http://e/a> \"x\" <http://e/o> .")) { error in
            XCTAssertEqual((error as? NTriplesSyntaxError)?.line, 2)
        }
        XCTAssertThrowsError(try NTriplesReader.quads(from: "<http://e/a> <http://e/p> \"open ."))
        XCTAssertThrowsError(try NTriplesReader.quads(from: "<http://e/a> <http://e/p> <http://e/o>"))
    }
}
