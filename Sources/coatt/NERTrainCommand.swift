import ArgumentParser
import Encoders
import Foundation
import NER
import Tensors

/// `coatt ner train`: trains CoAtt-NER (MODEL.md) on a benchmark's train split — the text encoder
/// fine-tuned with the KG vectors of gazetteer matches added to its embeddings, per-word casing
/// features, the image fusion when images and a vision encoder are given, and the CRF — with Adam
/// (encoder and new layers at their own rates, linear warm-up then linear decay, gradient norm
/// clipped), scores the valid split after each epoch and keeps the epoch with the best validation
/// F1 only. A checkpoint after each epoch makes `--resume` continue exactly.
struct NERTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the CoAtt-NER tagger; the best epoch by validation F1 is saved.")

    @OptionGroup var data: DataOption
    @OptionGroup var encoderOption: EncoderOption
    @Option(help: "twitter2015 or twitter2017.") var dataset: NERDatasetName
    @Option(help: ArgumentHelp("Where the best model, its metrics, training log and curves go.", valueName: "MODEL_DIR"))
    var out: String
    @OptionGroup var options: NERTrainingOptions
    @OptionGroup var store: StoreOption
    @Option(help: ArgumentHelp("With --kg: the registered TransE model (IRI or name) whose vectors feed the KG path (default: the newest in the store).",
                               valueName: "MODEL"))
    var kgModel: String?
    @Option(help: ArgumentHelp("Folder of the posts' images, <IMGID>.jpg (with --vision).", valueName: "DIR")) var images: String?
    @Option(help: ArgumentHelp("A CLIP vision encoder folder (Hugging Face layout), frozen (with --images).", valueName: "DIR"))
    var vision: String?
    @Flag(help: "Continue the run whose checkpoint is in --out (same settings).") var resume = false
    @Option(help: "OpenBLAS threads.") var threads = 2

    func run() throws {
        try EncoderRuntime.prepare(threads: threads)
        let settings = try options.settings()
        let encoderFolder = URL(fileURLWithPath: try encoderOption.folder()), outFolder = URL(fileURLWithPath: out)
        let pretrained = try PretrainedTextEncoder(folder: encoderFolder)
        let (train, valid) = (try dataset.read("train", from: data), try dataset.read("valid", from: data))
        let inputs = try TrainingInputs(settings: settings, store: store, kgModel: kgModel, images: images, vision: vision,
                                        posts: train + valid)
        let architecture = TaggerArchitecture(
            tagCount: MNERDataset.tags.count, knowledgeDimension: inputs.knowledge?.manifest.dimension,
            shapeFeatureCount: settings.casing ? WordShape.featureCount : nil,
            fusion: inputs.vision == nil ? .none : TaggerArchitecture.Fusion(rawValue: settings.fusion)!,
            imageWidth: inputs.vision?.encoder.config.hiddenSize, fusionHeads: settings.fusionHeads,
            temperature: settings.temperature, textLayers: settings.textEncoder)
        let maxLength = pretrained.encoder.config.maxPositionEmbeddings
        let lengths = train.map { pretrained.tokenizer.encode(words: $0.words, maxLength: maxLength).count }
        let stepsPerEpoch = (train.count + settings.batchSize - 1) / settings.batchSize
        let totalSteps = stepsPerEpoch * settings.epochs
        var model = SequenceTagger(encoder: pretrained.encoder, architecture: architecture, seed: settings.seed,
                                   fusionDropout: settings.dropout)
        var optimizer = Adam(for: model, learningRate: settings.headLr,
                             groups: [.prefixed(["encoder."], learningRate: settings.encoderLr)],
                             schedule: .linearWarmupThenDecay(warmupSteps: Int(Double(totalSteps) * settings.warmup),
                                                              totalSteps: totalSteps))
        try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
        var log = TrainingLog(folder: outFolder, dataset: dataset.rawValue)
        var firstEpoch = 1
        if resume {
            let done = try NERCheckpoint.restore(from: outFolder, model: &model, optimizer: &optimizer, settings: settings.json)
            log = try TrainingLog(continuing: outFolder, dataset: dataset.rawValue, through: done)
            firstEpoch = done + 1
            Terminal.error("resuming after epoch \(done) of \(settings.epochs)")
        }
        try inputs.describe(dataset: dataset.rawValue, trainFile: try data.require("\(dataset.rawValue)/train.txt"),
                            settings: settings, architecture: architecture, in: outFolder)
        var progress = ProgressLine()
        for epoch in firstEpoch..<(settings.epochs + 1) {
            let started = Date()
            var lossSum = 0.0, subwords = 0
            let batches = LengthBuckets.batches(lengths: lengths, batchSize: settings.batchSize,
                                                seed: SeededRandom.derive(settings.seed, stream: UInt64(epoch)))
            for (index, members) in batches.enumerated() {
                let batch = inputs.features.batch(members.map { train[$0] }, tokenizer: pretrained.tokenizer, maxLength: maxLength)
                let dropoutSeed = SeededRandom.derive(settings.seed, stream: UInt64(1_000_000 + optimizer.stepCount))
                var (loss, gradients) = model.lossAndGradients(batch, dropoutSeed: dropoutSeed)
                let norm = gradients.clipGlobalNorm(maxNorm: settings.clipNorm)
                guard loss.isFinite && norm.isFinite else {
                    throw CommandFailure("epoch \(epoch), batch \(index + 1): loss \(loss), gradient norm \(norm) is not finite")
                }
                optimizer.step(&model, gradients: gradients)
                lossSum += Double(loss)
                subwords += batch.subwordCount
                let elapsed = Date().timeIntervalSince(started)
                let remaining = elapsed / Double(index + 1) * Double(batches.count - index - 1)
                progress.update(String(format: "epoch %d/%d batch %d/%d loss %.3f %.0f sub-words/s ETA %.0f s", epoch,
                                       settings.epochs, index + 1, batches.count, lossSum / Double(index + 1),
                                       Double(subwords) / elapsed, remaining))
            }
            progress.finish()
            let trainSeconds = Date().timeIntervalSince(started)
            let predicted = model.predictWordTags(valid, tokenizer: pretrained.tokenizer, labels: MNERDataset.tags, batchSize: 64,
                                                  features: inputs.features)
            let scores = Conlleval.evaluate(gold: valid.map(\.tags), predicted: predicted).overall
            let improved = scores.f1 > (log.bestF1 ?? -1)
            if improved {
                try TaggerFolder.save(model, labels: MNERDataset.tags, encoderFolder: encoderFolder, knowledge: inputs.knowledge,
                                      visionFolder: inputs.vision?.folder, to: outFolder)
            }
            try log.append(epoch: epoch, loss: lossSum / Double(batches.count), valid: scores,
                           seconds: Date().timeIntervalSince(started), subwordsPerSecond: Double(subwords) / trainSeconds)
            try NERCheckpoint.write(epoch: epoch, model: model, optimizer: optimizer, settings: settings.json, to: outFolder)
            Terminal.error(String(format: "epoch %d: loss %.4f, %.0f sub-words/s, valid P %.2f R %.2f F1 %.2f, %.0f s",
                                  epoch, lossSum / Double(batches.count), Double(subwords) / trainSeconds, scores.precision,
                                  scores.recall, scores.f1, Date().timeIntervalSince(started)) + (improved ? " (best, saved)" : ""))
        }
    }
}
