import Foundation
import RDFModel
import SharedTestPaths
import SPARQLResults
import XCTest

/// A temporary store loaded with a small Turtle file (two named graphs, awkward literals), and
/// `coatt query` over it: the answers the endpoint must match.
final class TestStore: @unchecked Sendable {  // immutable after init
    let folder: URL
    let store: URL

    static let people = """
        @prefix ex: <http://example.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:alice a ex:Person ; rdfs:label "Alice"@en ; ex:knows ex:bob ; ex:age 30 .
        ex:bob a ex:Person ; rdfs:label "Bob \\"the builder\\", Jr." ; ex:knows ex:carol ; ex:height "1.85"^^xsd:decimal .
        ex:carol a ex:Person ; rdfs:label "Carol 😀 ünïcode"@de ; ex:note "line one\\nline two\\ttab" .
        """
    static let places = """
        @prefix ex: <http://example.org/> .
        ex:paris a ex:City ; ex:population 2100000 .
        ex:alice ex:livesIn ex:paris .
        """
    static let peopleGraph = "http://example.org/graph/people"
    static let placesGraph = "http://example.org/graph/places"
    /// Triples in the store.
    static let size = 14

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-endpoint-\(UUID().uuidString)")
        store = folder.appendingPathComponent("test.store")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text, graph) in [("people.ttl", Self.people, Self.peopleGraph), ("places.ttl", Self.places, Self.placesGraph)] {
            let file = folder.appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            let loaded = try Self.coatt(["load", "--store", store.path, "--graph", graph, file.path])
            guard loaded.status == 0 else { throw ServerFailure("coatt load failed: \(loaded.stderr)") }
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A file in the store's folder.
    func file(_ name: String, _ contents: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url
    }

    /// `coatt query` over the store (or over `--data` files when given), its stdout; fails on error.
    func query(_ sparql: String, format: String, data: [URL] = []) throws -> String {
        let source = data.isEmpty ? ["--store", store.path] : data.flatMap { ["--data", $0.path] }
        let answer = try Self.coatt(["query"] + source + [sparql, "--format", format])
        guard answer.status == 0 else { throw ServerFailure("coatt query failed: \(answer.stderr)") }
        return answer.stdout
    }

    /// The command line's answer as a results outcome (SELECT/ASK) through its JSON.
    func outcome(_ sparql: String) throws -> QueryOutcome {
        try JSONResultsReader.read(Data(query(sparql, format: "json").utf8))
    }

    /// The triples of an RDF document, read by raptor through `coatt query --data` (the file's
    /// extension names the syntax), as N-Triples quads.
    func triples(of document: Data, fileExtension: String) throws -> Set<Quad> {
        let file = try file("graph-\(UUID().uuidString).\(fileExtension)", document)
        return Set(try NTriplesReader.quads(from: query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", format: "ntriples", data: [file])))
    }

    static func coatt(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try SharedTestPaths.runCoatt(arguments)
    }
}
