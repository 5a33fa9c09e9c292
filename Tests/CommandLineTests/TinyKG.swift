import Foundation
import SharedTestPaths
import XCTest

/// A store whose linker knows Barack Obama (also "Obama"), London and Paris — exact labels with
/// agreeing types, so the linker's answers are known — and not David Cameron (facts, no label):
/// five facts, labels and classes, our vocabulary, and a tiny TransE model registered as `tiny`.
enum TinyKG {
    static let dbr = "http://dbpedia.org/resource/", dbo = "http://dbpedia.org/ontology/"
    static let model = "https://w3id.org/coattkg/model/tiny"

    /// Builds the KG into `store`, writing its input files into `folder`.
    static func build(store: String, files folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let facts = folder.appendingPathComponent("tiny-facts.nt"), about = folder.appendingPathComponent("tiny-about.ttl")
        try [("Barack_Obama", "visited", "London"), ("David_Cameron", "residence", "London"), ("David_Cameron", "visited", "Paris"),
             ("Paris", "country", "France"), ("London", "country", "United_Kingdom")]
            .map { "<\(dbr)\($0)> <\(dbo)\($1)> <\(dbr)\($2)> ." }.joined(separator: "\n")
            .write(to: facts, atomically: true, encoding: .utf8)
        try """
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            <\(dbr)Barack_Obama> rdfs:label "Barack Obama"@en ; skos:altLabel "Obama"@en ; a <\(dbo)Person> .
            <\(dbr)London> rdfs:label "London"@en ; a <\(dbo)City> .
            <\(dbr)Paris> rdfs:label "Paris"@en ; a <\(dbo)City> .
            <\(dbo)City> rdfs:subClassOf <\(dbo)Place> .
            """.write(to: about, atomically: true, encoding: .utf8)
        for arguments in [["load", facts.path, "--graph", "https://w3id.org/coattkg/graph/kg/tiny/train"],
                          ["load", about.path, "Ontologies/coattkg.ttl"],
                          ["kge", "train", "--graph", "https://w3id.org/coattkg/graph/kg/tiny/train", "--dim", "8", "--epochs", "2",
                           "--out", folder.appendingPathComponent("tiny.safetensors").path, "--register", "tiny"]] {
            let step = try SharedTestPaths.runCoatt(arguments + ["--store", store])
            XCTAssertEqual(step.status, 0, "\(arguments): \(step.stderr)")
        }
    }
}
