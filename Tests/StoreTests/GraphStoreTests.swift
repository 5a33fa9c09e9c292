import Foundation
import RDFModel
import Redland
import Store
import XCTest

/// Graph Store operations (GET, PUT, POST, existence) on a real on-disk store.
final class GraphStoreTests: XCTestCase {
    private var folder: URL!
    private var store: Store!
    private let graph = RDFTerm.iri("http://example.org/g")

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-graphstore-\(UUID().uuidString)")
        store = try Store(.directory(folder.appendingPathComponent("s.store").path))
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    private let people = Data("""
        @prefix ex: <http://example.org/> .
        ex:a ex:name "A" ; ex:knows ex:b .
        ex:b ex:name "B" .
        """.utf8)

    private func lines(_ graph: RDFTerm?) throws -> [String] {
        try store.triples(inGraph: graph).map(\.nquads).sorted()
    }

    func testPutReplacesTheGraphAndGetReturnsIt() throws {
        XCTAssertFalse(try store.graphExists(graph))
        XCTAssertEqual(try store.replaceGraph(graph, with: people, mediaType: "text/turtle; charset=utf-8", baseIRI: nil), 3)
        XCTAssertTrue(try store.graphExists(graph))
        XCTAssertEqual(try lines(graph), [
            #"<http://example.org/a> <http://example.org/knows> <http://example.org/b> <http://example.org/g> ."#,
            #"<http://example.org/a> <http://example.org/name> "A" <http://example.org/g> ."#,
            #"<http://example.org/b> <http://example.org/name> "B" <http://example.org/g> ."#,
        ])
        let replacement = Data("<http://example.org/c> <http://example.org/name> \"C\" .\n".utf8)
        XCTAssertEqual(try store.replaceGraph(graph, with: replacement, mediaType: "application/n-triples", baseIRI: nil), 1)
        XCTAssertEqual(try lines(graph), [#"<http://example.org/c> <http://example.org/name> "C" <http://example.org/g> ."#])
    }

    func testPostAddsToTheGraph() throws {
        XCTAssertEqual(try store.addToGraph(graph, data: people, mediaType: "text/turtle", baseIRI: nil), 3)
        let more = Data("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
              <rdf:Description rdf:about="http://example.org/a"><ex:name>A</ex:name><ex:age>7</ex:age></rdf:Description>
            </rdf:RDF>
            """.utf8)
        XCTAssertEqual(try store.addToGraph(graph, data: more, mediaType: "application/rdf+xml", baseIRI: nil), 1,
                       "the name was already there")
        XCTAssertEqual(try store.triples(inGraph: graph).count, 4)
    }

    func testTheDefaultGraphIsGraphZeroNotTheUnion() throws {
        try store.replaceGraph(graph, with: people, mediaType: "text/turtle", baseIRI: nil)
        XCTAssertTrue(try store.graphExists(nil))
        XCTAssertEqual(try store.triples(inGraph: nil), [])
        XCTAssertEqual(try store.addToGraph(nil, data: people, mediaType: "text/turtle", baseIRI: nil), 3)
        XCTAssertEqual(try store.triples(inGraph: nil).count, 3)
        XCTAssertTrue(try store.triples(inGraph: nil).allSatisfy { $0.graph == nil })
        XCTAssertEqual(try store.replaceGraph(nil, with: Data(), mediaType: "text/turtle", baseIRI: nil), 0)
        XCTAssertEqual(try store.triples(inGraph: nil), [])
        XCTAssertEqual(try store.triples(inGraph: graph).count, 3, "the named graph is untouched")
    }

    func testRelativeIRIsResolveAgainstTheGraphByDefault() throws {
        try store.addToGraph(graph, data: Data("<x> <p> <#y> .".utf8), mediaType: "text/turtle", baseIRI: nil)
        XCTAssertEqual(try lines(graph), ["<http://example.org/x> <http://example.org/p> <http://example.org/g#y> <http://example.org/g> ."])
    }

    func testMalformedTurtleLeavesTheOldGraphIntact() throws {
        try store.replaceGraph(graph, with: people, mediaType: "text/turtle", baseIRI: nil)
        let before = try lines(graph)
        let broken = Data("""
            @prefix ex: <http://example.org/> .
            ex:c ex:name "C" .
            ex:d ex:name "D
            """.utf8)
        for write in [{ try self.store.replaceGraph(self.graph, with: broken, mediaType: "text/turtle", baseIRI: nil) },
                      { try self.store.addToGraph(self.graph, data: broken, mediaType: "text/turtle", baseIRI: nil) }] {
            XCTAssertThrowsError(try write()) { error in
                guard let error = error as? RDFParseError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, 3, "\(error)")
            }
            XCTAssertEqual(try lines(graph), before)
        }
    }

    func testBodiesThatAreNotOneGraphAreRefused() throws {
        let trig = Data("<http://example.org/h> { <http://example.org/a> <http://example.org/p> 1 }".utf8)
        XCTAssertThrowsError(try store.replaceGraph(graph, with: trig, mediaType: "application/trig", baseIRI: nil)) { error in
            XCTAssertTrue(error is UnsupportedMediaType, "\(error)")
        }
        XCTAssertThrowsError(try store.addToGraph(graph, data: people, mediaType: "application/json", baseIRI: nil)) { error in
            XCTAssertTrue("\(error)".contains("text/turtle"), "the message says what is accepted: \(error)")
        }
        XCTAssertThrowsError(try store.addToGraph(graph, data: Data([0x3C, 0x61, 0x3E, 0x20, 0xFF, 0xFE]), mediaType: "text/turtle",
                                                  baseIRI: nil)) { error in
            XCTAssertTrue("\(error)".contains("not UTF-8"), "\(error)")
        }
        // UTF-16 is refused, with or without a byte-order mark, rather than read as no triples.
        let utf16 = Data("<http://example.org/a> <http://example.org/p> 1 .".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        for body in [Data([0xFF, 0xFE]) + utf16, utf16] {
            XCTAssertThrowsError(try store.replaceGraph(graph, with: body, mediaType: "text/turtle", baseIRI: nil)) { error in
                XCTAssertTrue("\(error)".contains("must be UTF-8"), "\(error)")
            }
        }
        XCTAssertFalse(try store.graphExists(graph))
    }

    func testWritesPersistAndAreVisibleToQueries() throws {
        try store.replaceGraph(graph, with: people, mediaType: "text/turtle", baseIRI: nil)
        store = nil
        store = try Store(.directory(folder.appendingPathComponent("s.store").path))
        guard case .solutions(let cursor) = try store.query("SELECT ?n { GRAPH <http://example.org/g> { ?s <http://example.org/name> ?n } }")
        else { return XCTFail("not a SELECT answer") }
        var names: [RDFTerm?] = []
        while let row = cursor.next() { names += row }
        XCTAssertEqual(Set(names), [.literal("A"), .literal("B")])
    }

    func testForEachQuadOfOnePredicateSpansEveryGraphOnDiskAndInMemory() throws {
        let other = RDFTerm.iri("http://example.org/h")
        for store in [store!, try Store(.memory)] {
            _ = try store.replaceGraph(graph, with: people, mediaType: "text/turtle", baseIRI: nil)
            _ = try store.replaceGraph(other, with: Data("<http://example.org/c> <http://example.org/name> \"C\" .".utf8),
                                       mediaType: "application/n-triples", baseIRI: nil)
            var names: [String] = []
            try store.forEachQuad(predicate: .iri("http://example.org/name")) { names.append($0.nquads) }
            XCTAssertEqual(names.sorted(), [
                #"<http://example.org/a> <http://example.org/name> "A" <http://example.org/g> ."#,
                #"<http://example.org/b> <http://example.org/name> "B" <http://example.org/g> ."#,
                #"<http://example.org/c> <http://example.org/name> "C" <http://example.org/h> ."#,
            ], "\(store.location.description)")
            var inOneGraph = 0
            try store.forEachQuad(in: other, predicate: .iri("http://example.org/name")) { _ in inOneGraph += 1 }
            XCTAssertEqual(inOneGraph, 1)
            var unknown = 0
            try store.forEachQuad(predicate: .iri("http://example.org/absent")) { _ in unknown += 1 }
            XCTAssertEqual(unknown, 0)
        }
    }
}
