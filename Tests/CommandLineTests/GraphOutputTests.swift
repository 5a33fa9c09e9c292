import Foundation
import RDFModel
import XCTest

/// CONSTRUCT answers in every graph syntax read back as the same triples; DESCRIBE * answered
/// with nothing on stderr.
final class GraphOutputTests: XCTestCase {
    /// rasqal 0.9.33 printed an assertion message while it prepared `DESCRIBE *`.
    func testDescribeWildcardPrintsNothingOnStandardError() throws {
        try CoAttCommand.requireBinary()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-describe-\(UUID().uuidString).ttl")
        defer { try? FileManager.default.removeItem(at: data) }
        try Data("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n".utf8).write(to: data)
        let described = try CoAttCommand.run(["query", "--data", data.path, "DESCRIBE * WHERE { ?s ?p ?o }", "--format", "ntriples"])
        XCTAssertEqual(described.status, 0, described.stderr)
        XCTAssertEqual(described.stderr, "")
        XCTAssertEqual(described.stdout, "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    }

    func testConstructOutputRoundTripsInEverySyntax() throws {
        try CoAttCommand.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data.ttl").path
        try Data("""
            @prefix ex: <http://example.org/> .
            ex:a ex:name "Zoë 😀"@en ; ex:knows ex:b ; ex:age 42 ; ex:note "line\\nbreak \\"quoted\\"" .
            """.utf8).write(to: URL(fileURLWithPath: data))
        let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        let ntriples = try CoAttCommand.run(["query", "--data", data, construct, "--format", "ntriples"])
        XCTAssertEqual(ntriples.status, 0, ntriples.stderr)
        let expected = Set(try NTriplesReader.quads(from: ntriples.stdout))
        XCTAssertEqual(expected.count, 4)
        XCTAssertTrue(expected.contains(Quad(.iri("http://example.org/a"), .iri("http://example.org/name"),
                                             .literal("Zoë 😀", language: "en"))))
        for (format, fileExtension) in [("turtle", "ttl"), ("rdfxml", "rdf")] {
            let output = try CoAttCommand.run(["query", "--data", data, construct, "--format", format])
            XCTAssertEqual(output.status, 0, output.stderr)
            let path = folder.appendingPathComponent("out.\(fileExtension)").path
            try Data(output.stdout.utf8).write(to: URL(fileURLWithPath: path))
            let reread = try CoAttCommand.run(["query", "--data", path, construct, "--format", "ntriples"])
            XCTAssertEqual(reread.status, 0, reread.stderr)
            XCTAssertEqual(Set(try NTriplesReader.quads(from: reread.stdout)), expected, format)
        }
    }
}
