import RDFModel
@testable import SQLiteStorage
import Store
import XCTest

/// RDF 1.1 makes `"x"` and `"x"^^xsd:string` one term; the store keeps it once and finds it
/// written either way, and upgrades stores written when the two were kept apart. A tagged
/// literal's datatype is rdf:langString.
final class StringLiteralTests: XCTestCase {
    private let string = Vocabulary.xsdString

    private func quads(_ store: Store) throws -> [String] {
        var lines: [String] = []
        try store.forEachQuad { lines.append($0.nquads) }
        return lines.sorted()
    }

    private func subjects(_ store: Store, _ sparql: String) throws -> [RDFTerm?] {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return []
        }
        return Array(sequence(state: cursor) { $0.next()?.first })
    }

    func testAStringLiteralIsTheSimpleLiteralItEquals() throws {
        let store = try Store(.memory)
        let added = try store.write { add in
            try add(Quad(.iri("http://ex/a"), .iri("http://ex/p"), .literal("x"), graph: nil))
            try add(Quad(.iri("http://ex/a"), .iri("http://ex/p"), .literal("x", datatype: string), graph: nil))
            try add(Quad(.iri("http://ex/b"), .iri("http://ex/p"), .literal("x", language: "en"), graph: nil))
        }
        XCTAssertEqual(added, 2)
        XCTAssertEqual(try quads(store), [
            #"<http://ex/a> <http://ex/p> "x" ."#,
            #"<http://ex/b> <http://ex/p> "x"@en ."#,
        ])
        XCTAssertEqual(try subjects(store, "SELECT ?s { ?s :p \"x\" }"), [.iri("http://ex/a")])
        XCTAssertEqual(try subjects(store, "SELECT ?s { ?s :p \"x\"^^<\(string)> }"), [.iri("http://ex/a")])
        XCTAssertEqual(try subjects(store, "SELECT DISTINCT ?o { ?s :p ?o FILTER(LANG(?o) = \"\") }"), [.literal("x")])
    }

    /// rasqal alone answers an error (`DatatypeRewrite`), of a variable or of any other argument.
    func testTheDatatypeOfATaggedLiteralIsLangString() throws {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(.iri("http://ex/a"), .iri("http://ex/p"), .literal("x", language: "en"), graph: nil))
            try add(Quad(.iri("http://ex/b"), .iri("http://ex/p"), .literal("x"), graph: nil))
            try add(Quad(.iri("http://ex/c"), .iri("http://ex/p"), .iri("http://ex/x"), graph: nil))
        }
        XCTAssertEqual(try subjects(store, "SELECT (DATATYPE(?o) AS ?t) { ?s :p ?o } ORDER BY ?s"),
                       [.iri(Vocabulary.rdfLangString), .iri(string), nil])
        XCTAssertEqual(try subjects(store, "SELECT ?s { ?s :p ?o FILTER(datatype(?o) != <\(string)>) }"), [.iri("http://ex/a")])
        for argument in [#""a"@en"#, #"LCASE("A"@fr)"#, #"COALESCE(?none, "b"@de)"#] {
            XCTAssertEqual(try subjects(store, "SELECT (DATATYPE(\(argument)) AS ?t) {}"), [.iri(Vocabulary.rdfLangString)], argument)
        }
        XCTAssertEqual(try subjects(store, "SELECT (DATATYPE(1 + 2) AS ?t) {}"), [.iri("http://www.w3.org/2001/XMLSchema#integer")])
    }

    /// A layout-0 store holding `"x"` and `"x"^^xsd:string` apart, with one triple stored both
    /// ways, and `"y"^^xsd:string` alone.
    func testAStoreOfTheFirstLayoutIsUpgradedWhenOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-strings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let database = try QuadDatabase(path: folder.appendingPathComponent("quads.sqlite").path)
            try database.connection.execute("""
                INSERT INTO term(id, kind, lex, extra) VALUES
                    (1, 1, 'http://ex/a', ''), (2, 1, 'http://ex/b', ''), (3, 1, 'http://ex/p', ''),
                    (4, 3, 'x', ''), (5, 5, 'x', '\(string)'), (6, 5, 'y', '\(string)');
                INSERT INTO quad(s, p, o, g) VALUES (1, 3, 4, 0), (1, 3, 5, 0), (2, 3, 5, 0), (2, 3, 6, 0);
                PRAGMA user_version = 0;
                """)
        }
        let store = try Store(.directory(folder.path))
        XCTAssertEqual(try quads(store), [
            #"<http://ex/a> <http://ex/p> "x" ."#,
            #"<http://ex/b> <http://ex/p> "x" ."#,
            #"<http://ex/b> <http://ex/p> "y" ."#,
        ])
        XCTAssertEqual(try subjects(store, "SELECT ?s { ?s :p \"y\" }"), [.iri("http://ex/b")])
        XCTAssertEqual(try subjects(store, "SELECT ?s { ?s :p \"x\"^^<\(string)> } ORDER BY ?s"),
                       [.iri("http://ex/a"), .iri("http://ex/b")])
    }
}
