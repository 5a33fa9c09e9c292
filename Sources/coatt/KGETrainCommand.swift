import ArgumentParser
import Foundation
import EmbeddingCatalog
import KGEmbeddings
import KGImport

extension KGECommand {
    /// `coatt kge train`: TransE on a KG extract's train split or on graphs of the store.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train TransE on a train split; keep the epoch with the best validation MRR.",
            discussion: """
            The triples come from a KG folder (--kg) or from graphs of the store (--graph, --valid-graph, \
            --test-graph: triples whose subject and object are IRIs). Validation MRR (filtered, realistic ties) is \
            measured every --eval-every epochs; the best model so far is written to --out, a checkpoint (model, \
            optimiser state, counters) to --checkpoint, and training stops after --patience evaluations without \
            improvement. --resume continues a checkpoint exactly. Hyper-parameters can come from a JSON --config \
            file whose keys are the long option names; options given here override it.
            """)

        @OptionGroup var triples: TripleSourceOptions

        @Option(help: "JSON file of settings (keys: the long option names below).") var config: String?
        @Option(help: "Embedding dimension (128).") var dim: Int?
        @Option(help: "Distance: l1 or l2 (l1).") var norm: String?
        @Option(help: "Loss: nssa (self-adversarial), margin, or ce (softmax cross-entropy, LibKGE's kl) (nssa).") var loss: String?
        @Option(help: "Margin γ (9).") var margin: Float?
        @Option(help: "Self-adversarial temperature α (1).") var temperature: Float?
        @Option(help: "Negatives per positive; with --reciprocal per tail prediction (32).") var negatives: Int?
        @Option(help: "With --reciprocal: negatives per head prediction (default: --negatives).") var headNegatives: Int?
        @Flag(inversion: .prefixedNo, help: "Reciprocal relations: an inverse of every relation; heads predicted as its tails (off).")
        var reciprocal: Bool?
        @Flag(inversion: .prefixedNo, help: "One pool of negatives per batch, shared by its positives: far less memory traffic on large KGs (off).")
        var sharedNegatives: Bool?
        @Flag(inversion: .prefixedNo, help: "Adam updates only the rows a batch touched (as SparseAdam), not every row (off).")
        var lazyUpdates: Bool?
        @Option(help: "Initialisation: transe (uniform ±6/√d) or xavier (Xavier normal) (transe).") var initialization: String?
        @Option(help: "Corruption sampling without --reciprocal: uniform or bernoulli (uniform).") var sampling: String?
        @Option(help: "Optimiser: adam, adagrad or sgd (adam).") var optimizer: String?
        @Option(help: "Learning rate (0.01).") var lr: Float?
        @Option(help: "Multiply the learning rate by this on a validation plateau (1: never).") var lrDecay: Float?
        @Option(help: "Evaluations without improvement before each decay (6).") var lrDecayPatience: Int?
        @Option(help: "Batch size in training instances (1024).") var batchSize: Int?
        @Option(help: "Maximum epochs (50).") var epochs: Int?
        @Option(help: "Evaluate on valid every N epochs (5).") var evalEvery: Int?
        @Option(help: "Stop after this many evaluations without a better validation MRR (3).") var patience: Int?
        @Option(help: "Random seed (1).") var seed: UInt64?
        @Flag(inversion: .prefixedNo, help: "Scale the batch's entity vectors to unit length before each batch, as the original TransE (on).")
        var normalize: Bool?

        @Option(help: "Where to write the best model (safetensors).") var out: String
        @Option(help: "Where to write a checkpoint after each evaluation (default: OUT.checkpoint).") var checkpoint: String?
        @Option(help: "Continue the run saved in this checkpoint.") var resume: String?
        @Option(help: "Also keep the best model with the store under this name (vectors beside it, description in RDF).")
        var register: String?

        func validate() throws {
            var isFolder: ObjCBool = false
            for path in [out, checkpoint].compactMap({ $0 }) where FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue {
                throw ValidationError("\(path) is a directory: --out and --checkpoint name the files to write")
            }
        }

        /// The config file's settings overridden by the options given.
        func settings() throws -> KGETrainingSettings {
            var s = try config.map(KGETrainingSettings.init(file:)) ?? KGETrainingSettings()
            if let dim { s.dim = dim }
            if let norm { s.norm = norm }
            if let loss { s.loss = loss }
            if let margin { s.margin = margin }
            if let temperature { s.temperature = temperature }
            if let negatives { s.negatives = negatives }
            if let headNegatives { s.headNegatives = headNegatives }
            if let reciprocal { s.reciprocal = reciprocal }
            if let sharedNegatives { s.sharedNegatives = sharedNegatives }
            if let lazyUpdates { s.lazyUpdates = lazyUpdates }
            if let initialization { s.initialization = initialization }
            if let sampling { s.sampling = sampling }
            if let optimizer { s.optimizer = optimizer }
            if let lr { s.lr = lr }
            if let lrDecay { s.lrDecay = lrDecay }
            if let lrDecayPatience { s.lrDecayPatience = lrDecayPatience }
            if let batchSize { s.batchSize = batchSize }
            if let epochs { s.epochs = epochs }
            if let evalEvery { s.evalEvery = evalEvery }
            if let patience { s.patience = patience }
            if let seed { s.seed = seed }
            if let normalize { s.normalize = normalize }
            try s.validate()
            return s
        }

        func run() throws {
            let settings = try settings()
            // Checked now, not after the training it would waste.
            let registry = try register.map { name in
                let store = try triples.storeOption.open()
                do { try EmbeddingCatalog.checkRegistration(name: name, in: store) } catch { throw CommandFailure("\(error)") }
                return (name: name, store: store)
            }
            let source = triples.source
            let dataset = try source.load()
            KGECommand.reportUnseen(dataset)
            guard !dataset.train.isEmpty else { throw CommandFailure("the training triples of \(source.name) are empty") }
            let trainer: TransETrainer
            var tracker = ValidationTracker(patience: settings.patience, decayFactor: settings.lrDecay,
                                            decayPatience: settings.lrDecayPatience)
            if let resume {
                let saved: TrainingCheckpoint
                do { saved = try TrainingCheckpoint.load(from: URL(fileURLWithPath: resume)) } catch { throw CommandFailure("\(error)") }
                try Self.check(saved, fits: settings, dataset: dataset, path: resume)
                do { trainer = try TransETrainer(resuming: saved, train: dataset.train, configuration: settings.configuration) } catch {
                    throw CommandFailure("\(resume): \(error)")
                }
                tracker.continueFrom(saved.tracker)
                Terminal.write("resuming \(resume) after epoch \(saved.epoch) (best valid MRR \(String(format: "%.4f", saved.tracker.bestMRR)))\n")
            } else {
                trainer = TransETrainer(model: settings.initialModel(for: dataset), train: dataset.train, configuration: settings.configuration)
            }
            let known = KnownTriples(dataset.train, dataset.valid, dataset.test)
            let checkpointURL = URL(fileURLWithPath: checkpoint ?? out + ".checkpoint")
            Terminal.write("\(source.name): \(dataset.entities.count) entities, \(dataset.relations.count) relations, \(dataset.train.count) train / \(dataset.valid.count) valid / \(dataset.test.count) test triples\n")
            Terminal.flush()
            var progress = ProgressLine()
            let started = Date(), firstEpoch = trainer.epoch + 1
            var stopped = false
            for epoch in firstEpoch...max(firstEpoch, settings.epochs) where epoch <= settings.epochs && !stopped {
                let epochStart = Date()
                let meanLoss = trainer.trainEpoch()
                guard meanLoss.isFinite else {
                    progress.finish()
                    throw CommandFailure("training diverged at epoch \(epoch): the loss is \(meanLoss); lower --lr (\(out) keeps the best model saved before, if any)")
                }
                let seconds = Date().timeIntervalSince(epochStart)
                let eta = Date().timeIntervalSince(started) / Double(epoch - firstEpoch + 1) * Double(settings.epochs - epoch)
                progress.update("epoch \(epoch)/\(settings.epochs) loss \(String(format: "%.4f", meanLoss)) \(Int(Double(dataset.train.count) / seconds)) triples/s ETA \(Int(eta)) s")
                guard epoch % settings.evalEvery == 0 || epoch == settings.epochs else { continue }
                progress.finish()
                guard !dataset.valid.isEmpty else {
                    // Nothing to choose by: the latest epoch is kept, and training runs to the end.
                    try trainer.model.save(to: URL(fileURLWithPath: out), entityNames: dataset.entities, relationNames: dataset.relations)
                    try trainer.checkpoint(tracker: tracker, entityNames: dataset.entities).save(to: checkpointURL)
                    Terminal.write("epoch \(epoch): loss \(String(format: "%.4f", meanLoss)), \(String(format: "%.2f", seconds)) s/epoch (no validation triples: saved)\n")
                    Terminal.flush()
                    continue
                }
                let valid = trainer.model.evaluate(dataset.valid, known: known).metrics()
                let mrr = valid.meanReciprocalRank
                let verdict = tracker.record(mrr: mrr, epoch: epoch)
                if verdict.improved {
                    try trainer.model.save(to: URL(fileURLWithPath: out), entityNames: dataset.entities, relationNames: dataset.relations)
                }
                if verdict.decay { trainer.learningRateScale *= settings.lrDecay }
                try trainer.checkpoint(tracker: tracker, entityNames: dataset.entities).save(to: checkpointURL)
                Terminal.write("epoch \(epoch): loss \(String(format: "%.4f", meanLoss)), \(String(format: "%.2f", seconds)) s/epoch, valid MRR \(String(format: "%.4f", mrr)), Hits@10 \(String(format: "%.4f", valid.hitsAt10))\(verdict.improved ? " (best, saved)" : "")\(verdict.decay ? ", learning rate ×\(trainer.learningRateScale)" : "")\n")
                Terminal.flush()
                stopped = verdict.stop
            }
            if dataset.valid.isEmpty {
                Terminal.write("no validation triples, so no early stopping: the last epoch's model is in \(out); \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n")
            } else {
                Terminal.write("best valid MRR \(String(format: "%.4f", tracker.bestMRR)) at epoch \(tracker.bestEpoch), in \(out); \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n")
            }
            if let registry {
                let entry = try EmbeddingCatalog.register(
                    modelFile: URL(fileURLWithPath: out), name: registry.name, naming: try source.naming(),
                    trainingData: try source.trainingGraphIRIs(), settingsJSON: settings.json,
                    validationMRR: dataset.valid.isEmpty ? nil : tracker.bestMRR, in: registry.store)
                Terminal.write("registered \(entry.iri) in \(triples.storeOption.location.description) (vectors: \(entry.vectorFile.path))\n")
            }
            Terminal.flush()
        }

        /// A checkpoint only continues a run on the same entities with the same shape of model.
        static func check(_ saved: TrainingCheckpoint, fits settings: KGETrainingSettings, dataset: KGDataset, path: String) throws {
            let model = saved.model
            guard saved.entityNames == dataset.entities else {
                throw CommandFailure("\(path) was trained on other entities than these training triples; nothing was changed")
            }
            guard model.dimension == settings.dim, model.norm == (settings.norm == "l1" ? .l1 : .l2),
                  model.reciprocal == settings.reciprocal, model.relationCount == dataset.relations.count else {
                throw CommandFailure("\(path) holds a \(model.dimension)-dimensional \(model.norm.rawValue)\(model.reciprocal ? " reciprocal" : "") model of \(model.relationCount) relations; this run asks for --dim \(settings.dim) --norm \(settings.norm)\(settings.reciprocal ? " --reciprocal" : ""); nothing was changed")
            }
        }
    }
}
