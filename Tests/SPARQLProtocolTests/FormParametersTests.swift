import SPARQLProtocol
import XCTest

final class FormParametersTests: XCTestCase {
    private func parse(_ text: String) throws(ProtocolError) -> FormParameters {
        try FormParameters(encoded: Array(text.utf8), what: "query string")
    }

    func testPlusIsSpaceAndEscapesAreUTF8Bytes() throws {
        let parameters = try parse("query=SELECT+*+%7B%3Fs+%3Fp+%3Fo%7D&x=caf%C3%A9&flag")
        XCTAssertEqual(parameters.values("query"), ["SELECT * {?s ?p ?o}"])
        XCTAssertEqual(try parameters.single("x"), "café")
        XCTAssertTrue(parameters.contains("flag"))
        XCTAssertEqual(try parameters.single("flag"), "")
        XCTAssertNil(try parameters.single("absent"))
    }

    func testEncodedPlusStaysPlusAndEqualsInValueIsKept() throws {
        let parameters = try parse("query=1%2B1&expr=a=b")
        XCTAssertEqual(parameters.values("query"), ["1+1"])
        XCTAssertEqual(parameters.values("expr"), ["a=b"])
    }

    func testRepeatsKeepTheirOrderAndSingleRefusesThem() {
        let parameters = try! parse("named-graph-uri=urn%3Aa&named-graph-uri=urn%3Ab")
        XCTAssertEqual(parameters.values("named-graph-uri"), ["urn:a", "urn:b"])
        assertRefused(400, "given 2 times") { () throws(ProtocolError) in try parameters.single("named-graph-uri") }
    }

    func testBrokenPercentEncodingIsRefused() {
        for text in ["query=%", "query=%4", "query=%zz", "q%G1=x"] {
            assertRefused(400, "percent-encoding") { () throws(ProtocolError) in try parse(text) }
        }
    }

    func testInvalidUTF8IsRefused() {
        for text in ["query=%FF", "query=%C3", "query=%ED%A0%80"] {  // stray byte, cut sequence, surrogate
            assertRefused(400, "UTF-8") { () throws(ProtocolError) in try parse(text) }
        }
    }
}
