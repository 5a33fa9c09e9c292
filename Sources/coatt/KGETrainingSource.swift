import ArgumentParser
import Foundation
import EmbeddingCatalog
import KGEmbeddings
import KGImport
import RDFModel

/// `--kg`, or `--graph` with `--valid-graph` and `--test-graph`: the triples `coatt kge train`
/// trains on and `coatt kge eval` ranks.
struct TripleSourceOptions: ParsableArguments {
    @OptionGroup var data: DataOption
    @Option(help: "A KG folder with train/valid/test.txt, or an extract name under DATA/kg (codex-s, codex-m, dbpedia50).")
    var kg: String?
    @Option(help: "A graph of the store holding the training triples (instead of --kg); repeat it for the union of several graphs.")
    var graph: [String] = []
    @Option(help: "With --graph: the validation graph.") var validGraph: String?
    @Option(help: "With --graph: the test graph.") var testGraph: String?
    @OptionGroup var storeOption: StoreOption

    func validate() throws {
        if (kg == nil) == graph.isEmpty { throw ValidationError("give either --kg or --graph") }
        if graph.isEmpty && (validGraph != nil || testGraph != nil) { throw ValidationError("--valid-graph and --test-graph go with --graph") }
    }

    var source: TrainingSource {
        TrainingSource(kg: kg, graphs: graph, validGraph: validGraph, testGraph: testGraph, data: data, store: storeOption)
    }
}

/// Where `coatt kge train` takes its triples from: a KG folder (`--kg`) or graphs of the store
/// (`--graph`, one or more: their union), whose IRI-to-IRI triples are read (literals and blank
/// nodes are skipped).
struct TrainingSource {
    let kg: String?
    let graphs: [String]
    let validGraph: String?
    let testGraph: String?
    let data: DataOption
    let store: StoreOption

    /// The name shown in messages.
    var name: String { kg ?? graphs.map { "<\($0)>" }.joined(separator: " + ") }

    /// The KG folder given by --kg.
    func folder() throws -> URL {
        guard let kg else { throw CommandFailure("no --kg given") }
        return try KGECommand.folder(of: kg, data: data)
    }

    /// The splits, interned.
    func load() throws -> KGDataset {
        do {
            if kg != nil { return try KGDataset(folder: try folder().path) }
            let opened = try store.openExisting()
            func triples(_ iris: [String]) throws -> NamedTriples {
                var found: [(String, String, String)] = []
                for iri in iris {
                    try opened.model.forEachQuad(in: .iri(iri)) { quad in
                        if case .iri(let s) = quad.subject, case .iri(let p) = quad.predicate, case .iri(let o) = quad.object {
                            found.append((s, p, o))
                        }
                    }
                }
                return NamedTriples(source: iris.isEmpty ? "(none)" : iris.map { "<\($0)>" }.joined(separator: " + "), triples: found)
            }
            let train = try triples(graphs)
            guard !train.rows.isEmpty else {
                throw CommandFailure("\(name) of \(store.location.description) has no triples between IRIs to train on")
            }
            func heldOut(_ graph: String?, _ option: String) throws -> NamedTriples {
                let found = try triples(graph.map { [$0] } ?? [])
                if let graph, found.rows.isEmpty {
                    throw CommandFailure("\(option) <\(graph)> of \(store.location.description) has no triples between IRIs")
                }
                return found
            }
            return try KGDataset(train: train, valid: try heldOut(validGraph, "--valid-graph"), test: try heldOut(testGraph, "--test-graph"))
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// How the model's names become IRIs: an extract's mapping, or none for store graphs.
    func naming() throws -> EmbeddingNaming {
        guard kg != nil else { return .iris }
        let folder = try folder()
        guard let kind = KGExtractKind(directory: folder) else {
            throw CommandFailure("cannot tell which extract \(folder.path) is, so its entities have no IRIs to register")
        }
        return .extract(kind)
    }

    /// The graphs the model was trained on, for its provenance.
    func trainingGraphIRIs() throws -> [String] {
        if !graphs.isEmpty { return graphs }
        let folder = try folder()
        guard let kind = KGExtractKind(directory: folder) else { return [folder.absoluteString] }
        return [KGGraphLayout(kind: kind).iri(.train)]
    }
}
