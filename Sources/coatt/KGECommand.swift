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

        func folder() throws -> URL {
            FileManager.default.fileExists(atPath: kg + "/train.txt") ? URL(fileURLWithPath: kg) : try data.require("kg/" + kg)
        }

        func load() throws -> KGDataset {
            do { return try KGDataset(folder: try folder().path) } catch { throw CommandFailure("\(error)") }
        }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train TransE on the train split; keep the epoch with the best validation MRR.",
            discussion: "Validation MRR (filtered, realistic ties) is measured every --eval-every epochs; the best model so far is written to --out, and training stops after --patience evaluations without improvement.")

        @OptionGroup var kgOption: KGOption
        @Option(help: "Embedding dimension.") var dim = 128
        @Option(help: "Distance: l1 or l2.") var norm = "l1"
        @Option(help: "Loss: nssa (self-adversarial), margin, or ce (softmax cross-entropy, LibKGE's kl).") var loss = "nssa"
        @Option(help: "Margin γ.") var margin: Float = 9
        @Option(help: "Self-adversarial temperature α.") var temperature: Float = 1
        @Option(help: "Negatives per positive (with --reciprocal: per tail prediction).") var negatives = 32
        @Option(help: "With --reciprocal: negatives per head prediction (default: --negatives).") var headNegatives: Int?
        @Flag(help: "Reciprocal relations: learn an inverse of every relation and predict heads as its tails (CoDEx baselines).")
        var reciprocal = false
        @Option(help: "Initialisation: transe (uniform ±6/√d) or xavier (Xavier normal).") var initialization = "transe"
        @Option(help: "Corruption sampling: uniform or bernoulli.") var sampling = "uniform"
        @Option(help: "Optimiser: adam, adagrad or sgd.") var optimizer = "adam"
        @Option(help: "Learning rate.") var lr: Float = 0.01
        @Option(help: "Batch size (positives).") var batchSize = 1024
        @Option(help: "Maximum epochs.") var epochs = 50
        @Option(help: "Evaluate on valid every N epochs.") var evalEvery = 5
        @Option(help: "Stop after this many evaluations without a better validation MRR.") var patience = 3
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Flag(inversion: .prefixedNo, help: "Scale the batch's entity vectors to unit length before each batch (original TransE).")
        var normalize = true
        @Option(help: "Where to write the best model (safetensors).") var out: String
        @Option(help: "Also keep the best model with the store under this name (vectors beside it, description in RDF).")
        var register: String?
        @OptionGroup var storeOption: StoreOption

        func validate() throws {
            guard dim > 0 else { throw ValidationError("--dim must be positive") }
            guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a positive number") }
            guard ["l1", "l2"].contains(norm) else { throw ValidationError("--norm must be l1 or l2") }
            guard ["nssa", "margin", "ce"].contains(loss) else { throw ValidationError("--loss must be nssa, margin or ce") }
            guard ["transe", "xavier"].contains(initialization) else { throw ValidationError("--initialization must be transe or xavier") }
            guard headNegatives == nil || reciprocal else { throw ValidationError("--head-negatives needs --reciprocal") }
            guard ["uniform", "bernoulli"].contains(sampling) else { throw ValidationError("--sampling must be uniform or bernoulli") }
            guard ["adam", "adagrad", "sgd"].contains(optimizer) else { throw ValidationError("--optimizer must be adam, adagrad or sgd") }
            guard negatives > 0, (headNegatives ?? 1) > 0, batchSize > 0, epochs > 0, evalEvery > 0 else { throw ValidationError("counts must be positive") }
        }

        func run() throws {
            let dataset = try kgOption.load()
            guard !dataset.train.isEmpty else { throw CommandFailure("the train split of \(kgOption.kg) is empty") }
            var configuration = TrainingConfiguration()
            configuration.batchSize = batchSize
            configuration.negativesPerPositive = negatives
            configuration.headNegatives = headNegatives
            switch loss {
            case "nssa": configuration.loss = .selfAdversarial(margin: margin, temperature: temperature)
            case "margin": configuration.loss = .marginRanking(margin: margin)
            default: configuration.loss = .softmaxCrossEntropy
            }
            configuration.sampling = sampling == "uniform" ? .uniform : .bernoulli
            switch optimizer {
            case "adam": configuration.optimizer = .adam(learningRate: lr)
            case "adagrad": configuration.optimizer = .adagrad(learningRate: lr)
            default: configuration.optimizer = .sgd(learningRate: lr)
            }
            configuration.seed = seed
            configuration.normalizeEntities = normalize
            let model = TransEModel(entityCount: dataset.entities.count, relationCount: dataset.relations.count,
                                    dimension: dim, norm: norm == "l1" ? .l1 : .l2, seed: seed,
                                    initialization: EmbeddingInitialization(rawValue: initialization)!, reciprocal: reciprocal)
            let trainer = TransETrainer(model: model, train: dataset.train, configuration: configuration)
            let known = KnownTriples(dataset.train, dataset.valid, dataset.test)
            Terminal.write("\(kgOption.kg): \(dataset.entities.count) entities, \(dataset.relations.count) relations, \(dataset.train.count) train / \(dataset.valid.count) valid / \(dataset.test.count) test triples\n")
            Terminal.flush()
            var best = (mrr: -1.0, epoch: 0)
            var stale = 0
            var progress = ProgressLine()
            let started = Date()
            for epoch in 1...epochs {
                let epochStart = Date()
                let meanLoss = trainer.trainEpoch()
                let seconds = Date().timeIntervalSince(epochStart)
                let eta = Date().timeIntervalSince(started) / Double(epoch) * Double(epochs - epoch)
                progress.update("epoch \(epoch)/\(epochs) loss \(String(format: "%.4f", meanLoss)) \(Int(Double(dataset.train.count) / seconds)) triples/s ETA \(Int(eta)) s")
                guard epoch % evalEvery == 0 || epoch == epochs else { continue }
                let mrr = trainer.model.evaluate(dataset.valid, known: known).metrics().meanReciprocalRank
                progress.finish()
                Terminal.write("epoch \(epoch): loss \(String(format: "%.4f", meanLoss)), \(String(format: "%.2f", seconds)) s/epoch, valid MRR \(String(format: "%.4f", mrr))\(mrr > best.mrr ? " (best, saved)" : "")\n")
                Terminal.flush()
                if mrr > best.mrr {
                    best = (mrr, epoch)
                    stale = 0
                    try trainer.model.save(to: URL(fileURLWithPath: out), entityNames: dataset.entities, relationNames: dataset.relations)
                } else {
                    stale += 1
                    if stale >= patience { break }
                }
            }
            Terminal.write("best valid MRR \(String(format: "%.4f", best.mrr)) at epoch \(best.epoch), in \(out); \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n")
            if let register {
                let folder = try kgOption.folder()
                guard let kind = KGExtractKind(directory: folder) else {
                    throw CommandFailure("cannot tell which extract \(folder.path) is, so its entities have no IRIs to register")
                }
                let entry = try EmbeddingCatalog.register(
                    modelFile: URL(fileURLWithPath: out), name: register, kind: kind,
                    trainingData: KGGraphLayout(kind: kind).iri(.train), validationMRR: best.mrr, in: try storeOption.open())
                Terminal.write("registered \(entry.iri) in \(storeOption.location.description) (vectors: \(entry.vectorFile.path))\n")
            }
            Terminal.flush()
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Filtered ranking of a split against all entities: MRR, MR, Hits@1/3/10 (realistic ties), both sides and each.")

        @OptionGroup var kgOption: KGOption
        @Option(help: "The model file written by `coatt kge train`.") var model: String
        @Option(help: "The split: test or valid.") var split = "test"
        @Flag(help: "Print JSON instead of a table.") var json = false

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
            if json {
                let entries = rows.map { name, m in
                    "\"\(name)\": {\"mrr\": \(m.meanReciprocalRank), \"mr\": \(m.meanRank), \"hits@1\": \(m.hitsAt1), \"hits@3\": \(m.hitsAt3), \"hits@10\": \(m.hitsAt10), \"count\": \(m.count)}"
                }
                Terminal.write("{\"split\": \"\(split)\", \"ties\": \"realistic\", \"seconds\": \(seconds), \(entries.joined(separator: ", "))}\n")
            } else {
                Terminal.write("\(split) (\(triples.count) triples, filtered, realistic ties, \(String(format: "%.2f", seconds)) s)\nside\tMRR\tMR\tHits@1\tHits@3\tHits@10\n")
                for (name, m) in rows {
                    Terminal.write("\(name)\t\(String(format: "%.4f\t%.1f\t%.4f\t%.4f\t%.4f", m.meanReciprocalRank, m.meanRank, m.hitsAt1, m.hitsAt3, m.hitsAt10))\n")
                }
            }
            Terminal.flush()
        }
    }
}

extension KGECommand {
    /// `--model IRI` (default: the newest registered model) of a store.
    struct ModelOption: ParsableArguments {
        @OptionGroup var storeOption: StoreOption
        @Option(help: "The model's IRI (default: the newest model registered in the store).") var model: String?

        func load() throws -> LoadedEmbeddings {
            let models = try EmbeddingCatalog.models(in: try storeOption.open())
            guard let entry = model.map({ iri in models.first { $0.iri == iri } }) ?? models.first else {
                throw CommandFailure(model.map { "no model \($0) in the store" }
                    ?? "the store has no TransE model: train one with `coatt kge train --register NAME`")
            }
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
