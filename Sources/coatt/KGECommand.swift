import ArgumentParser
import Foundation
import EmbeddingCatalog
import KGEmbeddings
import KGImport

/// `coatt kge train|eval`: TransE embeddings of a KG extract's splits.
struct KGECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kge", abstract: "TransE knowledge-graph embeddings.", subcommands: [Train.self, Eval.self, Nearest.self, Score.self])
}

extension KGECommand {
    /// A KG folder given by path, or by extract name under DATA/kg.
    static func folder(of kg: String, data: DataOption) throws -> URL {
        if FileManager.default.fileExists(atPath: kg + "/train.txt") { return URL(fileURLWithPath: kg) }
        guard !kg.contains("/") else { throw CommandFailure("\(kg) has no train.txt: a KG folder holds train.txt, valid.txt and test.txt") }
        let folder = try data.require("kg/" + kg)
        guard FileManager.default.fileExists(atPath: folder.path + "/train.txt") else {
            throw CommandFailure("the \(kg) extract has no train split here (\(folder.path) holds no train.txt), so it cannot be trained on or ranked against")
        }
        return folder
    }

    /// Says how many held-out triples were left out for naming something training never saw.
    static func reportUnseen(_ dataset: KGDataset) {
        guard dataset.droppedValid + dataset.droppedTest > 0 else { return }
        Terminal.error("note: \(dataset.droppedValid) valid and \(dataset.droppedTest) test triples name an entity or relation never seen in training; they have no embedding and are left out of the rankings (as PyKEEN and LibKGE do)")
    }

    /// `--model IRI` (default: the newest registered model) of a store.
    struct ModelOption: ParsableArguments {
        @OptionGroup var storeOption: StoreOption
        @Option(help: "The model's IRI or registered name (default: the newest model registered in the store).") var model: String?

        func load() throws -> LoadedEmbeddings {
            let entry: EmbeddingCatalog.Entry
            do { entry = try EmbeddingCatalog.model(model, in: try storeOption.openExisting()) } catch { throw CommandFailure("\(error)") }
            do { return try LoadedEmbeddings(file: entry.vectorFile) } catch {
                throw CommandFailure("the vectors of \(entry.iri) cannot be read from \(entry.vectorFile.path): \(error)")
            }
        }
    }

    struct Nearest: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The entities closest to an entity in a registered TransE model.")
        @OptionGroup var modelOption: ModelOption
        @Argument(help: "The entity IRI.") var entity: String
        @Option(name: .short, help: "How many.") var k = 10

        func run() throws {
            let embeddings = try modelOption.load()
            let started = Date()
            let neighbours = try embeddings.nearest(to: entity, k: k)
            for (iri, distance) in neighbours { Terminal.write("\(String(format: "%.4f", distance))\t<\(iri)>\n") }
            Terminal.write("(\(String(format: "%.1f", Date().timeIntervalSince(started) * 1000)) ms over \(embeddings.model.entityCount) entities)\n")
            Terminal.flush()
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "TransE's plausibility score −‖h + r − t‖ of a triple, by IRIs.")
        @OptionGroup var modelOption: ModelOption
        @Argument(help: "Head, relation and tail IRIs.") var triple: [String]

        func validate() throws { if triple.count != 3 { throw ValidationError("give exactly three IRIs: head relation tail") } }

        func run() throws {
            let score = try modelOption.load().score(head: triple[0], relation: triple[1], tail: triple[2])
            Terminal.write("\(score)\n")
            Terminal.flush()
        }
    }
}
