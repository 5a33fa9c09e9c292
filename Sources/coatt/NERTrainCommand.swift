import ArgumentParser
import BLAS
import Encoders
import Foundation
import NER
import Tensors

/// `coatt ner train`: fine-tunes encoder + linear + CRF on a benchmark's train split with AdamW
/// (encoder and new layers at their own rates, linear warm-up over 10 % of the steps then linear
/// decay, gradient norm clipped at 1, the encoder's dropout on), scores the valid split after each
/// epoch and keeps the epoch with the best validation F1 only.
struct NERTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Fine-tune the text-only tagger; the best epoch by validation F1 is saved.")

    @OptionGroup var data: DataOption
    @Option(help: ArgumentHelp("The pretrained encoder folder (config.json, model.safetensors, vocab.txt).", valueName: "DIR"))
    var encoder: String
    @Option(help: "twitter2015 or twitter2017.") var dataset: NERDatasetName
    @Option(help: ArgumentHelp("Where the best model, metrics.json and training-log.csv go.", valueName: "MODEL_DIR"))
    var out: String
    @Option(help: "Passes over the train split.") var epochs = 3
    @Option(help: "Posts per batch.") var batchSize = 32
    @Option(help: "Learning rate of the encoder's parameters.") var encoderLr = 5e-5
    @Option(help: "Learning rate of the linear layer and CRF.") var headLr = 1e-3
    @Option(help: "Seed of initialisation, batch order and dropout.") var seed: UInt64 = 1
    @Option(help: "OpenBLAS threads.") var threads = 2

    func run() throws {
        BLAS.threads = threads
        AllocatorTuning.keepFreedMemory()
        let encoderFolder = URL(fileURLWithPath: encoder), outFolder = URL(fileURLWithPath: out)
        let pretrained = try PretrainedTextEncoder(folder: encoderFolder)
        let (train, valid) = (try dataset.read("train", from: data), try dataset.read("valid", from: data))
        let maxLength = pretrained.encoder.config.maxPositionEmbeddings
        let lengths = train.map { pretrained.tokenizer.encode(words: $0.words, maxLength: maxLength).count }
        let stepsPerEpoch = (train.count + batchSize - 1) / batchSize
        let totalSteps = stepsPerEpoch * epochs
        var model = SequenceTagger(encoder: pretrained.encoder, tagCount: MNERDataset.tags.count, seed: seed)
        var optimizer = Adam(for: model, learningRate: headLr, groups: [.prefixed(["encoder."], learningRate: encoderLr)],
                             schedule: .linearWarmupThenDecay(warmupSteps: totalSteps / 10, totalSteps: totalSteps))
        try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
        var log = TrainingLog(folder: outFolder, dataset: dataset.rawValue)
        var progress = ProgressLine()
        for epoch in 1...epochs {
            let started = Date()
            var lossSum = 0.0, subwords = 0
            let batches = LengthBuckets.batches(lengths: lengths, batchSize: batchSize,
                                                seed: SeededRandom.derive(seed, stream: UInt64(epoch)))
            for (index, members) in batches.enumerated() {
                let batch = TaggingBatch(members.map { train[$0] }, tokenizer: pretrained.tokenizer, maxLength: maxLength)
                let dropoutSeed = SeededRandom.derive(seed, stream: UInt64(1_000_000 + optimizer.stepCount))
                let (loss, stepGradients) = model.lossAndGradients(batch.tokens, tags: batch.tags, scoredMask: batch.scoredMask,
                                                                   dropoutSeed: dropoutSeed)
                var gradients = stepGradients
                let norm = gradients.clipGlobalNorm(maxNorm: 1)
                guard loss.isFinite && norm.isFinite else {
                    throw CommandFailure("epoch \(epoch), batch \(index + 1): loss \(loss), gradient norm \(norm) is not finite")
                }
                optimizer.step(&model, gradients: gradients)
                lossSum += Double(loss)
                subwords += batch.subwordCount
                let elapsed = Date().timeIntervalSince(started)
                let remaining = elapsed / Double(index + 1) * Double(batches.count - index - 1)
                progress.update(String(format: "epoch %d/%d batch %d/%d loss %.3f %.0f sub-words/s ETA %.0f s", epoch, epochs,
                                       index + 1, batches.count, lossSum / Double(index + 1), Double(subwords) / elapsed, remaining))
            }
            progress.finish()
            let trainSeconds = Date().timeIntervalSince(started)
            let predicted = model.predictWordTags(valid, tokenizer: pretrained.tokenizer, labels: MNERDataset.tags, batchSize: 64)
            let scores = Conlleval.evaluate(gold: valid.map(\.tags), predicted: predicted).overall
            let improved = scores.f1 > (log.bestF1 ?? -1)
            if improved { try TaggerFolder.save(model, labels: MNERDataset.tags, encoderFolder: encoderFolder, to: outFolder) }
            try log.append(epoch: epoch, loss: lossSum / Double(batches.count), valid: scores,
                           seconds: Date().timeIntervalSince(started))
            Terminal.error(String(format: "epoch %d: loss %.4f, %.0f sub-words/s, valid P %.2f R %.2f F1 %.2f, %.0f s",
                                  epoch, lossSum / Double(batches.count), Double(subwords) / trainSeconds, scores.precision,
                                  scores.recall, scores.f1, Date().timeIntervalSince(started)) + (improved ? " (best, saved)" : ""))
        }
    }
}
