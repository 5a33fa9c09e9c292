import Foundation
import SharedTestPaths
import XCTest
import RDFModel
@testable import KGImport

/// Imports the real extracts under the benchmark data folder; skipped when it is absent.
final class RealDataTests: XCTestCase {
    private func kgFolder(_ name: String) throws -> URL {
        try SharedTestPaths.data("kg/\(name)")
    }

    func testDBpedia50Counts() throws {
        let importer = try KGImporter(directory: kgFolder("dbpedia50"))
        var distinct = Set<Quad>()
        var labelOfEinstein: [RDFTerm] = []
        var count = 0
        let s = try importer.importQuads { q in
            count += 1
            distinct.insert(q)
            if q.subject == .iri(dbr + "Albert_Einstein"), q.predicate == .iri(rdfsLabel) { labelOfEinstein.append(q.object) }
        }
        XCTAssertEqual(s.factLines, [.train: 32_379, .valid: 399, .test: 10_969])
        // Lines repeated within a split are emitted once (train has 185 repeats, test 39).
        XCTAssertEqual(s.quads(in: .train), 32_194)
        XCTAssertEqual(s.quads(in: .valid), 399)
        XCTAssertEqual(s.quads(in: .test), 10_930)
        XCTAssertEqual(s.duplicateFacts, 224)
        XCTAssertEqual(s.entities, 30_445)
        XCTAssertEqual(s.relations, 365)
        XCTAssertEqual(s.labels, 30_445)
        XCTAssertEqual(s.quads(in: .entities), 30_445 + 32_831)       // labels + asserted classes
        XCTAssertEqual(s.quads(in: .entitiesInferred), 73_695)
        XCTAssertEqual(s.quads(in: .relations), 2_754 + 5_143)        // domainIncludes + rangeIncludes
        XCTAssertEqual(s.typeAssertions, 32_831 + 73_695)
        XCTAssertEqual(s.totalQuads, 188_391)
        XCTAssertEqual(count, s.totalQuads)
        XCTAssertEqual(distinct.count, count, "no quad is emitted twice")
        XCTAssertEqual(labelOfEinstein, [en("Albert Einstein")])
        XCTAssertEqual(s.absentOptionalFiles, [])
    }

    func testCoDExSCounts() throws {
        let dir = try kgFolder("codex-s")
        let meta = dir.deletingLastPathComponent().appendingPathComponent("codex-meta")
        guard FileManager.default.fileExists(atPath: meta.path) else { throw XCTSkip("codex-meta not found at \(meta.path)") }
        let map = ["http://www.wikidata.org/entity/Q5": ["http://dbpedia.org/ontology/Person"]]
        let s = try KGImporter(directory: dir, metaDirectory: meta, wikidataToDBpedia: map).importQuads { _ in }
        XCTAssertEqual(s.quads(in: .train), 32_888)
        XCTAssertEqual(s.quads(in: .valid), 1_827)
        XCTAssertEqual(s.quads(in: .test), 1_828)
        XCTAssertEqual(s.entities, 2_034)
        XCTAssertEqual(s.relations, 42)
        XCTAssertGreaterThan(s.mappedTypeAssertions, 0)
    }
}
