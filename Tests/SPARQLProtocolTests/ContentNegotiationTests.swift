@testable import SPARQLProtocol
import XCTest

final class ContentNegotiationTests: XCTestCase {
    private let json = "application/sparql-results+json", xml = "application/sparql-results+xml"

    func testNoAcceptMeansEverythingInServerOrder() throws {
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: nil, formats: []), EndpointMediaTypes.produced)
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: "*/*", formats: []), EndpointMediaTypes.produced)
    }

    func testQualityOrdersAndZeroExcludes() throws {
        let list = try ContentNegotiation.acceptable(accept: "text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1, text/turtle;q=0",
                                                     formats: [])
        XCTAssertEqual(list.prefix(2), [xml, "text/csv"])
        XCTAssertFalse(list.contains("text/turtle"))
        XCTAssertEqual(list.last, "application/rdf+xml")  // from */*, in the server's order
        XCTAssertEqual(Set(list).count, list.count)
    }

    func testMostSpecificRangeDecides() throws {
        // text/* is wanted, but text/csv explicitly not.
        let list = try ContentNegotiation.acceptable(accept: "text/*, text/csv;q=0", formats: [])
        XCTAssertEqual(list, ["text/tab-separated-values", "text/turtle"])
    }

    func testEqualQualityFollowsHeaderOrder() throws {
        let list = try ContentNegotiation.acceptable(accept: "text/turtle, application/sparql-results+xml", formats: [])
        XCTAssertEqual(list, ["text/turtle", xml])
    }

    func testAliasesOnlyWhenNamed() throws {
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: "application/json", formats: []), ["application/json"])
        XCTAssertFalse(try ContentNegotiation.acceptable(accept: "application/*", formats: []).contains("application/json"))
    }

    func testBrowserAcceptPrefersXML() throws {
        let list = try ContentNegotiation.acceptable(accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", formats: [])
        XCTAssertEqual(list.first, "application/xml")
        XCTAssertTrue(list.contains(json))
    }

    func testUnsatisfiableAcceptIs406() {
        for accept in ["text/html", "image/png, application/pdf;q=0.5", "json", "*/*;q=0"] {
            assertRefused(406, "available") { () throws(ProtocolError) in try ContentNegotiation.acceptable(accept: accept, formats: []) }
        }
    }

    func testFormatWinsOverAccept() throws {
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: "text/csv", formats: ["json"]), [json])
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: nil, formats: ["xml"]), [xml, "application/rdf+xml"])
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: nil, formats: ["ntriples"]), ["application/n-triples"])
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: nil, formats: ["text/tab-separated-values"]), ["text/tab-separated-values"])
        assertRefused(406, "unknown format 'yaml'") { () throws(ProtocolError) in try ContentNegotiation.acceptable(accept: nil, formats: ["yaml"]) }
        assertRefused(406) { () throws(ProtocolError) in try ContentNegotiation.acceptable(accept: nil, formats: ["image/png"]) }
        // SPARQLWrapper repeats `format` with alternatives; unknown ones are skipped.
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: nil, formats: ["tsv", "text/tab-separated-values"]), ["text/tab-separated-values"])
        XCTAssertEqual(try ContentNegotiation.acceptable(accept: nil, formats: ["yaml", "csv"]), ["text/csv"])
    }

    func testMediaRangeParsing() throws {
        let range = try XCTUnwrap(MediaRange(" Text/Turtle ; charset=\"UTF-8\" ; q=0.3 "))
        XCTAssertEqual(range.essence, "text/turtle")
        XCTAssertEqual(range.parameters["charset"], "UTF-8")
        XCTAssertEqual(range.quality, 0.3)
        XCTAssertNil(MediaRange("turtle"))
        XCTAssertNil(MediaRange("text/"))
        XCTAssertNil(MediaRange(" \t/ \t"))
        let tabbed = try XCTUnwrap(MediaRange("\ttext/x-ü\t;\tlabel= \"Zürich é\u{301}\"\t"))
        XCTAssertEqual(tabbed.essence, "text/x-ü")
        XCTAssertEqual(tabbed.parameters["label"], "Zürich é\u{301}")
        XCTAssertEqual(tabbed.specificity(matching: "text/x-ü"), 2)
        XCTAssertEqual(MediaRange("text/*")?.specificity(matching: "text/csv"), 1)
        XCTAssertNil(MediaRange("text/*")?.specificity(matching: "texts/csv"))
        XCTAssertEqual(MediaRange("*/*")?.specificity(matching: "text/csv"), 0)
    }
}
