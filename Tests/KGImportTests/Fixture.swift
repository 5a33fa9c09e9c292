import Foundation
import RDFModel
import XCTest
@testable import KGImport

/// A temporary folder tree of small extract files, removed on deinit.
final class Fixture {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("kgimport-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `files` (name → content) into the subfolder `folder` and returns its URL.
    @discardableResult
    func folder(_ folder: String, _ files: [String: String]) throws -> URL {
        let dir = root.appendingPathComponent(folder, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, content) in files {
            try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }
}

/// Collects an import's quads.
func collect(_ importer: KGImporter) throws -> ([Quad], KGImportSummary) {
    var quads: [Quad] = []
    let summary = try importer.importQuads { quads.append($0) }
    return (quads, summary)
}

extension Array where Element == Quad {
    /// The quads of one graph of `layout`.
    func inGraph(_ graph: KGGraph, _ layout: KGGraphLayout) -> [Quad] {
        filter { $0.graph == layout.term(graph) }
    }

    func objects(_ subject: String, _ predicate: String, in graph: RDFTerm? = nil) -> [RDFTerm] {
        filter { $0.subject == .iri(subject) && $0.predicate == .iri(predicate) && (graph == nil || $0.graph == graph) }
            .map(\.object)
    }
}

let dbr = "http://dbpedia.org/resource/"
let dbo = "http://dbpedia.org/ontology/"
let wd = "http://www.wikidata.org/entity/"
let wdt = "http://www.wikidata.org/prop/direct/"
let rdfType = Vocabulary.rdfType
let rdfsLabel = Vocabulary.rdfsLabel
let rdfsComment = Vocabulary.rdfsComment
let owlSameAs = "http://www.w3.org/2002/07/owl#sameAs"

func en(_ s: String) -> RDFTerm { .literal(s, language: "en") }

/// Asserts that `body` throws a ``KGImportError/malformedLine`` for a file ending in `file`
/// at `line`, and returns the reason.
@discardableResult
func assertMalformed(_ file: String, line: Int, _ body: () throws -> Void,
                     sourceFile: StaticString = #filePath, sourceLine: UInt = #line) -> String? {
    do {
        try body()
        XCTFail("expected an error at \(file):\(line)", file: sourceFile, line: sourceLine)
    } catch let KGImportError.malformedLine(f, l, reason) {
        XCTAssertTrue(f.hasSuffix("/" + file), "error names \(f), expected …/\(file)", file: sourceFile, line: sourceLine)
        XCTAssertEqual(l, line, "line of: \(reason)", file: sourceFile, line: sourceLine)
        return reason
    } catch {
        XCTFail("unexpected error \(error)", file: sourceFile, line: sourceLine)
    }
    return nil
}
