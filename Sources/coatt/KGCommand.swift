import ArgumentParser
import Foundation
import KGImport
import RDFModel
import Redland

/// `coatt kg import NAME|DIR`
struct KGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kg", abstract: "Knowledge-graph extracts.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a KG extract (dbpedia50, db100k, codex-s, codex-m) as RDF, atomically.",
            discussion: """
            Facts of each split go into graphs <base>/train, /valid, /test; entity types, labels and \
            sameAs links into <base>/entities (base: https://w3id.org/coattkg/graph/kg/NAME). CoDEx's \
            Wikidata types are also mapped to DBpedia classes through the ontology's owl:equivalentClass links.
            """)

        @OptionGroup var storeOption: StoreOption
        @OptionGroup var data: DataOption

        @Argument(help: "An extract name under DATA/kg, or a folder path.")
        var extract: String

        @Option(help: "The base graph IRI (default https://w3id.org/coattkg/graph/kg/NAME).")
        var graphBase: String?

        @Option(help: "The DBpedia ontology whose owl:equivalentClass links map Wikidata classes (default: DATA/ontology/dbpedia-ontology.ttl).")
        var ontology: String?

        func validate() throws {
            if let graphBase, !GraphIRI.isAbsolute(graphBase) { throw ValidationError("--graph-base '\(graphBase)' is not \(GraphIRI.requirement)") }
        }

        func run() throws {
            if extract.contains("/") && !FileManager.default.fileExists(atPath: extract) { throw CommandFailure("no KG folder at \(extract)") }
            let directory = FileManager.default.fileExists(atPath: extract)
                ? URL(fileURLWithPath: extract) : try data.require("kg/" + extract)
            var importer = try KGImporter(directory: directory, graphBase: graphBase)
            if importer.kind.usesWikidataIds {
                importer = KGImporter(kind: importer.kind, directory: directory,
                                      wikidataToDBpedia: try equivalentClasses(), graphBase: graphBase)
            }
            let store = try storeOption.open()
            let started = Date()
            // Set by the thread that reads the extract, read once the write has returned.
            nonisolated(unsafe) var summary: KGImportSummary?
            let added = try store.writeWhileParsing({ [importer] emit in summary = try importer.importQuads(emit) })
            guard let summary else { return }
            let seconds = Date().timeIntervalSince(started)
            Terminal.write("imported \(importer.kind.rawValue) from \(directory.path): \(summary.totalQuads) quads written (\(added) new) in \(String(format: "%.2f", seconds)) s; \(summary.entities) entities, \(summary.relations) relations, \(summary.labels) labels, \(summary.typeAssertions) type assertions (\(summary.mappedTypeAssertions) mapped to DBpedia)\n")
            // The graphs as they now are in the store, which holds a statement the extract
            // writes twice only once.
            let sizes = Dictionary(try store.graphSizes().compactMap { graph, quads in graph.map { ($0, quads) } }, uniquingKeysWith: +)
            for graph in summary.quadsPerGraphIRI.keys.sorted() {
                Terminal.write("  \(sizes[.iri(graph)] ?? 0)\t<\(graph)>\n")
            }
            Terminal.flush()
        }

        private func equivalentClasses() throws -> [String: [String]] {
            let path = try ontology ?? data.require("ontology/dbpedia-ontology.ttl").path
            var links: [Quad] = []
            try RDFParser().parse(file: path, format: RDFFormat(path: path) ?? .turtle, graph: nil) { quad in
                if quad.predicate == .iri(Vocabulary.owlEquivalentClass) { links.append(quad) }
            }
            return KGImporter.wikidataToDBpediaMap(from: links)
        }
    }
}
