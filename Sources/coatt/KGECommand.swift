import ArgumentParser
import Foundation
import EmbeddingCatalog
import KGEmbeddings
import KGImport

/// `coatt kge train|eval`: TransE embeddings of a KG extract's splits.
struct KGECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kge", abstract: "TransE knowledge-graph embeddings.", subcommands: [Train.self, Eval.self, Nearest.self, Score.self])

    /// `--kg NAME|DIR`: an extract with train/valid/test.txt.
    struct KGOption: ParsableArguments {
        @OptionGroup var data: DataOption
        @Option(help: "A KG folder with train/valid/test.txt, or an extract name under DATA/kg (codex-s, codex-m, dbpedia50).")
        var kg: String

        func folder() throws -> URL { try KGECommand.folder(of: kg, data: data) }

        func load() throws -> KGDataset {
            let dataset: KGDataset
            do { dataset = try KGDataset(folder: try folder().path) } catch { throw CommandFailure("\(error)") }
            KGECommand.reportUnseen(dataset)
            return dataset
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Filtered ranking of a split against all entities: MRR, MR, Hits@1/3/10 (realistic ties), both sides and each.")

        @OptionGroup var kgOption: KGOption
        @Option(help: "The model file written by `coatt kge train`.") var model: String
        @Option(help: "The split: test or valid.") var split = "test"
        @Flag(help: "Print JSON instead of a table.") var json = false
        @Flag(help: "Also give the metrics of each relation (both sides).") var perRelation = false

        func run() throws {
            let dataset = try kgOption.load()
            let loaded = try TransEModel.load(from: URL(fileURLWithPath: model))
            guard loaded.entityNames == nil || loaded.entityNames! == dataset.entities,
                  loaded.model.entityCount == dataset.entities.count else {
                throw CommandFailure("\(model) was trained on other entities than \(kgOption.kg)")
            }
            let triples = split == "valid" ? dataset.valid : dataset.test
            let started = Date()
            let result = loaded.model.evaluate(triples, known: KnownTriples(dataset.train, dataset.valid, dataset.test))
            let seconds = Date().timeIntervalSince(started)
            let rows: [(String, RankingMetrics)] = [("both", result.metrics()), ("head", result.metrics(side: .head)),
                                                    ("tail", result.metrics(side: .tail))]
            let relations: [(String, RankingMetrics)] = perRelation
                ? Set(triples.map(\.relation)).sorted().map { (dataset.relations[Int($0)], result.metrics(relation: $0)) } : []
            if json {
                func object(_ m: RankingMetrics) -> [String: Any] {
                    ["mrr": m.meanReciprocalRank, "mr": m.meanRank, "hits@1": m.hitsAt1, "hits@3": m.hitsAt3, "hits@10": m.hitsAt10, "count": m.count]
                }
                var document: [String: Any] = ["split": split, "ties": "realistic", "seconds": seconds]
                for (name, m) in rows { document[name] = object(m) }
                if perRelation { document["relations"] = Dictionary(uniqueKeysWithValues: relations.map { ($0.0, object($0.1)) }) }
                let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
                Terminal.write(String(decoding: data, as: UTF8.self) + "\n")
            } else {
                Terminal.write("\(split) (\(triples.count) triples, filtered, realistic ties, \(String(format: "%.2f", seconds)) s)\nside\tMRR\tMR\tHits@1\tHits@3\tHits@10\tcount\n")
                for (name, m) in rows + relations {
                    Terminal.write("\(name)\t\(String(format: "%.4f\t%.1f\t%.4f\t%.4f\t%.4f\t%d", m.meanReciprocalRank, m.meanRank, m.hitsAt1, m.hitsAt3, m.hitsAt10, m.count))\n")
                }
            }
            Terminal.flush()
        }
    }
}

extension KGECommand {
    /// A KG folder given by path, or by extract name under DATA/kg.
    static func folder(of kg: String, data: DataOption) throws -> URL {
        FileManager.default.fileExists(atPath: kg + "/train.txt") ? URL(fileURLWithPath: kg) : try data.require("kg/" + kg)
    }

    /// Says how many held-out triples were left out for naming something training never saw.
    static func reportUnseen(_ dataset: KGDataset) {
        guard dataset.droppedValid + dataset.droppedTest > 0 else { return }
        Terminal.error("note: \(dataset.droppedValid) valid and \(dataset.droppedTest) test triples name an entity or relation never seen in training; they have no embedding and are left out of the rankings (as PyKEEN and LibKGE do)")
    }

    /// `--model IRI` (default: the newest registered model) of a store.
    struct ModelOption: ParsableArguments {
        @OptionGroup var storeOption: StoreOption
        @Option(help: "The model's IRI (default: the newest model registered in the store).") var model: String?

        func load() throws -> LoadedEmbeddings {
            let entry: EmbeddingCatalog.Entry
            do { entry = try EmbeddingCatalog.model(model, in: try storeOption.open()) } catch { throw CommandFailure("\(error)") }
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
