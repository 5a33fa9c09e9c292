import Foundation
import RDFModel
import Redland
import Store
import XCTest

/// Loading: formats, graphs, persistence, and bad input that must fail cleanly and change nothing.
final class LoadingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-loading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func file(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func file(_ name: String, bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private let good = """
        @prefix ex: <http://example.org/> .
        ex:a ex:knows ex:b ; ex:name "A"@en .
        ex:b ex:name "B" ; ex:age 42 .
        """

    func testEachFileGoesIntoItsOwnGraphAndPersists() throws {
        let storePath = folder.appendingPathComponent("s.store").path
        let ttl = try file("people.ttl", good)
        do {
            let store = try Store(.directory(storePath))
            let report = try store.load(file: ttl)
            XCTAssertEqual(report.parsed, 4)
            XCTAssertEqual(report.added, 4)
            XCTAssertEqual(report.graph, .iri(URL(fileURLWithPath: ttl).absoluteString))
            XCTAssertEqual(try store.load(file: ttl).added, 0, "loading the same file again adds nothing")
        }
        let reopened = try Store(.directory(storePath))
        let sizes = try reopened.graphSizes()
        XCTAssertEqual(sizes.count, 1)
        XCTAssertEqual(sizes.first?.quads, 4)
        XCTAssertEqual(try reopened.drop(graph: sizes.first!.graph), 4)
        XCTAssertTrue(try reopened.graphSizes().isEmpty)
    }

    func testQuadFormatsKeepTheirGraphs() throws {
        let store = try Store(.memory)
        let nq = try file("data.nq", """
            <http://e/s> <http://e/p> "x" <http://e/g1> .
            <http://e/s> <http://e/p> "y" .
            """)
        let trig = try file("data.trig", "@prefix e: <http://e/> . e:g2 { e:s e:p e:o } e:t e:p e:o .")
        try store.load(file: nq)
        try store.load(file: trig)
        let graphs = Dictionary(uniqueKeysWithValues: try store.graphSizes().map { ($0.graph, $0.quads) })
        XCTAssertEqual(graphs[.iri("http://e/g1")], 1)
        XCTAssertEqual(graphs[.iri("http://e/g2")], 1)
        XCTAssertEqual(graphs[nil as RDFTerm?], 2, "triples that name no graph stay in the default graph")
        // A graph for the whole file contradicts the graphs the file names: refused, not ignored.
        for path in [nq, trig] {
            XCTAssertThrowsError(try store.load(file: path, graph: .iri("http://e/fallback"))) { error in
                XCTAssertTrue("\(error)".contains("N-Quads and TriG name their own graphs"), "\(error)")
            }
        }
        XCTAssertNil(try store.graphSizes().first { $0.graph == .iri("http://e/fallback") })
    }

    /// A graph name must be an absolute IRI that N-Quads can write back, so that dumps round-trip.
    func testAGraphNameMustBeAnAbsoluteIRI() throws {
        let store = try Store(.memory)
        let ttl = try file("g.ttl", good)
        for bad in ["", "not an iri <>", "relative/path", "http://e/a b", "http://e/{x}", "http://e/\u{1}", "1http://e/"] {
            XCTAssertThrowsError(try store.load(file: ttl, graph: .iri(bad)), "'\(bad)'") { error in
                XCTAssertTrue("\(error)".contains("absolute IRI"), "\(error)")
            }
        }
        XCTAssertTrue(try store.graphSizes().isEmpty)
        XCTAssertEqual(try store.load(file: ttl, graph: .iri("urn:x-test:g")).added, 4)
    }

    func testBlankNodesOfTwoLoadsStayApart() throws {
        let store = try Store(.memory)
        let a = try file("a.ttl", "[] <http://e/p> 1 .")
        let b = try file("b.ttl", "[] <http://e/p> 2 .")
        try store.load(file: a, graph: .iri("http://e/g"))
        try store.load(file: b, graph: .iri("http://e/g"))
        guard case .solutions(let cursor) = try store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }") else {
            return XCTFail("expected solutions")
        }
        XCTAssertEqual(cursor.next()?.first??.value, "2")
    }

    /// Each bad file fails naming the problem (and the line where there is one), and the store
    /// keeps exactly what it had.
    func testBadInputFailsCleanlyAndLeavesTheStoreAsItWas() throws {
        let store = try Store(.memory)
        try store.load(file: try file("good.ttl", good))
        let before = try store.graphSizes().map(\.quads)

        let cases: [(path: String, format: RDFFormat?, message: String, line: Int?)] = [
            (try file("truncated.ttl", good + "\nex:c ex:knows "), nil, "", 4),
            (try file("prefix.ttl", "<http://e/a> <http://e/p> <http://e/b> .\nundefined:a <http://e/p> 1 ."), nil, "undefined", 2),
            (try file("utf8.nt", bytes: Array("<http://e/a> <http://e/p> \"ok\" .\n<http://e/a> <http://e/p> \"".utf8) + [0xC3, 0x28] + Array("\" .\n".utf8)),
             nil, "UTF-8", 2),
            (try file("broken.rdf", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"), nil, "", nil),
            (folder.appendingPathComponent("missing.ttl").path, nil, "no such file", nil),
            (folder.path, .turtle, "directory", nil),
        ]
        for bad in cases {
            XCTAssertThrowsError(try store.load(file: bad.path, format: bad.format), bad.path) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(bad.path), "the error names the file: \(text)")
                if !bad.message.isEmpty { XCTAssertTrue(text.contains(bad.message), "\(text) should mention \(bad.message)") }
                if let line = bad.line, let parse = error as? RDFParseError {
                    XCTAssertEqual(parse.line, line, text)
                }
            }
            XCTAssertEqual(try store.graphSizes().map(\.quads), before, "\(bad.path) changed the store")
        }
        XCTAssertThrowsError(try store.load(file: try file("data.unknown", good)), "no format from the extension")
    }

    func testARunawayNTriplesLineIsRefusedBeforeItIsParsed() throws {
        let parser = RDFParser()
        parser.maxLineBytes = 64
        let text = "<http://e/s> <http://e/p> \"ok\" .\n<http://e/s> <http://e/p> \"" + String(repeating: "a", count: 100) + "\" .\n"
        var parsed = 0
        XCTAssertThrowsError(try parser.parse(text: text, format: .ntriples, graph: nil, baseIRI: "http://e/") { _ in parsed += 1 }) { error in
            XCTAssertEqual((error as? RDFParseError)?.line, 2, "\(error)")
            XCTAssertTrue("\(error)".contains("longer than 64 bytes"), "\(error)")
        }
        XCTAssertEqual(parsed, 0, "the limit is checked before raptor sees the chunk")
    }

    /// raptor's N-Triples line splitter takes a `'` or `"` in a comment for an opening quote and a
    /// `\` at its end for an escaped newline, so the rest of the file silently joined the comment.
    func testCommentsWithQuotesAndBackslashesKeepEveryLine() throws {
        let t1 = #"<http://e/a> <http://e/p> "1""#
        let t2 = #"<http://e/a> <http://e/p> "2 # not a comment, it's""#
        let t3 = #"<http://e/a> <http://e/p> <http://e/it's#x>"#
        let lines = ["# it's", "\(t1) . # it's \"quoted", #"# C:\"#, "\(t2) .", #"# ""#, "\(t3) .",
                     #"# \u0000 in a comment is no NUL"#, "# last, it's"]
        let text = lines.joined(separator: "\n")
        let quads = lines.map { $0.replacingOccurrences(of: "> .", with: "> <http://e/g> .")
                                  .replacingOccurrences(of: "\" .", with: "\" <http://e/g> .") }.joined(separator: "\n")
        let expected: Set<String> = ["1", "2 # not a comment, it's", "http://e/it's#x"]
        for (name, body) in [("c.nt", text), ("c.ttl", text), ("c.nq", quads), ("c.trig", "<http://e/g> {\n\(text)\n}"),
                             ("newline.nt", text + "\n")] {
            let store = try Store(.memory)
            XCTAssertEqual(try store.load(file: try file(name, body)).parsed, 3, name)
            var objects: Set<String> = []
            try store.forEachQuad { objects.insert($0.object.value) }
            XCTAssertEqual(objects, expected, name)
        }
        // Turtle's long strings hold quotes, `#` and newlines; `\\u0000` there, or in a comment, is text.
        let long = try Store(.memory)
        let turtle = #"<http://e/a> <http://e/p> """x # it's ""q"" \\u0000"# + "\n" + #"y'''""" . # "\u0000""#
        XCTAssertEqual(try long.load(file: try file("long.ttl", turtle)).parsed, 1)
        try long.forEachQuad { XCTAssertEqual($0.object, .literal(#"x # it's ""q"" \u0000"# + "\ny'''")) }
        // Garbage after such a comment is an error naming its line, not silently skipped.
        let store = try Store(.memory)
        for name in ["bad.nt", "bad.nq", "bad.ttl"] {
            let bad = try file(name, "\(t1) . # it's\n<http://e/b> <http://e/p> \"3\" .\nbroken\n")
            XCTAssertThrowsError(try store.load(file: bad), name) { error in
                XCTAssertEqual((error as? RDFParseError)?.line, 3, "\(error)")
            }
        }
        XCTAssertTrue(try store.graphSizes().isEmpty)
    }

    /// raptor builds literals with strlen and rasqal keeps strings as C strings: a NUL character
    /// would be cut off with everything after it. Such a term is refused, naming its line.
    func testANULCharacterIsRefusedNotCut() throws {
        let store = try Store(.memory)
        try store.load(file: try file("good.ttl", good))
        let before = try store.graphSizes().map(\.quads)
        let ok = "<http://e/a> <http://e/p> \"ok\" .\n"
        let cases: [(name: String, bytes: [UInt8], line: Int)] = [
            ("escaped.nt", Array((ok + #"<http://e/a> <http://e/p> "x\u0000y" ."#).utf8), 2),
            ("escaped.ttl", Array((ok + "<http://e/a> <http://e/p> '''x\n" + #"\U00000000y''' ."#).utf8), 3),
            ("iri.nq", Array((ok + #"<http://e/a\u0000> <http://e/p> "x" ."#).utf8), 2),
            ("raw.nt", Array((ok + "<http://e/a> <http://e/p> \"x").utf8) + [0] + Array("y\" .\n".utf8), 2),
            ("raw.ttl", Array((ok + "<http://e/a> <http://e/p> \"x").utf8) + [0] + Array("y\" .\n".utf8), 2),
        ]
        for bad in cases {
            XCTAssertThrowsError(try store.load(file: try file(bad.name, bytes: bad.bytes)), bad.name) { error in
                XCTAssertTrue("\(error)".contains("NUL"), "\(error)")
                XCTAssertEqual((error as? RDFParseError)?.line, bad.line, "\(error)")
            }
        }
        XCTAssertEqual(try store.graphSizes().map(\.quads), before)
        // An escaped backslash before u0000 is the text \u0000, not a NUL.
        let report = try store.load(file: try file("text.nt", #"<http://e/a> <http://e/p> "x\\u0000y" ."#))
        XCTAssertEqual(report.parsed, 1)
        var lexical: [String] = []
        try store.forEachQuad(in: report.graph) { lexical.append($0.object.value) }
        XCTAssertEqual(lexical, [#"x\u0000y"#])
        // Terms made in Swift (a post's nif:isString) are refused whole too, not cut at the NUL.
        let post = Quad(.iri("http://e/post"), .iri("http://e/isString"), .literal("Barack\u{0}Obama"), graph: .iri("http://e/post"))
        XCTAssertThrowsError(try store.write { add in try add(post) }) { error in
            XCTAssertTrue("\(error)".contains("NUL"), "\(error)")
        }
        let triple = Quad(post.subject, post.predicate, post.object).nquads
        XCTAssertThrowsError(try store.replaceGraph(post.graph, with: Data(triple.utf8), mediaType: "application/n-triples",
                                                    baseIRI: nil)) { error in
            XCTAssertTrue("\(error)".contains("NUL"), "\(error)")
        }
        XCTAssertEqual(try store.graphSizes().map(\.quads).sorted(), (before + [1]).sorted())
    }

    /// The Turtle family is UTF-8: raptor read UTF-16 as no triples at all, and called a UTF-8
    /// byte-order mark a syntax error. RDF/XML is read in the encoding it declares.
    func testOnlyUTF8IsReadAndItsByteOrderMarkIsSkipped() throws {
        let store = try Store(.memory)
        let triple = "<http://e/a> <http://e/p> \"é\" .\n"
        let utf16LE: [UInt8] = [0xFF, 0xFE] + triple.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16BE: [UInt8] = [0xFE, 0xFF] + triple.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let cases: [(name: String, bytes: [UInt8], message: String)] = [
            ("le.ttl", utf16LE, "is UTF-16 (byte-order mark)"),
            ("be.nt", utf16BE, "is UTF-16 (byte-order mark)"),
            ("nobom.ttl", Array(utf16LE.dropFirst(2)), "NUL"),
            ("utf32.nq", [0xFF, 0xFE, 0, 0, 0x3C, 0, 0, 0], "is UTF-32 (byte-order mark)"),
            ("zeros.ttl", [0, 0, 0, 0], "NUL"),
            ("latin1.ttl", Array("<http://e/a> <http://e/p> \"".utf8) + [0xE9] + Array("\" .\n".utf8), "not UTF-8 (byte 0xE9 is not followed"),
            ("cut.nt", Array(triple.utf8.prefix(28)), "not UTF-8"),
        ]
        for bad in cases {
            XCTAssertThrowsError(try store.load(file: try file(bad.name, bytes: bad.bytes)), bad.name) { error in
                XCTAssertTrue("\(error)".contains(bad.message), "\(bad.name): \(error)")
                XCTAssertTrue("\(error)".contains("must be UTF-8"), "\(bad.name): \(error)")
            }
        }
        XCTAssertTrue(try store.graphSizes().isEmpty)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let rdfxml = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://e/a"><p xmlns="http://e/">é</p></rdf:Description></rdf:RDF>"#
        for (name, body) in [("bom.ttl", triple), ("bom.nt", triple), ("bom.nq", triple), ("bom.trig", "{ \(triple) }"), ("bom.rdf", rdfxml)] {
            XCTAssertEqual(try store.load(file: try file(name, bytes: bom + Array(body.utf8))).parsed, 1, name)
        }
        // RDF/XML follows its own declaration or byte-order mark, as XML does (libxml reads it).
        let rdfxmlUTF16: [UInt8] = [0xFF, 0xFE] + rdfxml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(try store.load(file: try file("le.rdf", bytes: rdfxmlUTF16)).parsed, 1)
        let latin1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8) + Array(rdfxml.replacingOccurrences(of: "é", with: "\u{1}").utf8)
            .map { $0 == 1 ? 0xE9 : $0 }
        XCTAssertEqual(try store.load(file: try file("latin1.rdf", bytes: latin1)).parsed, 1)
        var objects: Set<RDFTerm> = []
        try store.forEachQuad { objects.insert($0.object) }
        XCTAssertEqual(objects, [.literal("é")])
    }
}
