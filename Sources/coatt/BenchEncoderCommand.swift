import ArgumentParser
import BLAS
import Encoders
import Foundation
import NER
import Tensors
import Tokenizers

extension BenchCommand {
    /// `coatt bench encoder`: fine-tuning throughput of a text encoder + linear + CRF on Twitter
    /// posts, batches padded to their longest post (the encoder computes only the real tokens
    /// unless `--padded`), one AdamW step per batch — the work the
    /// issue's PyTorch figure (1,349 real sub-words/s for MiniLM on 2 cores) measures.
    struct Encoder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Training throughput of an encoder + linear + CRF step on Twitter-2015 (sub-words/s, GFLOP/s).")

        @OptionGroup var data: DataOption

        @OptionGroup var encoderOption: EncoderOption

        @Option(help: "Posts per batch.") var batchSize = 32
        @Option(help: "Batches to time (after one warm-up batch).") var batches = 10
        @Option(help: "OpenBLAS threads.") var threads = 2
        @Flag(help: "Run the encoder on the padded batch (the old path) instead of the packed real tokens.")
        var padded = false
        @Flag(help: "First compare packed and padded loss and gradients on one batch without dropout.")
        var check = false

        /// PyTorch 2.15 on the same 2 cores, MiniLM + linear + CRF, batch 32 (the issue's figure).
        static let pyTorchSubwordsPerSecond = 1_349.0

        func validate() throws {
            guard batchSize > 0, batches > 0 else { throw ValidationError("--batch-size and --batches must be positive") }
        }

        func run() throws {
            let folder = try encoderOption.folder()
            try EncoderRuntime.prepare(threads: threads)
            let pretrained = try PretrainedTextEncoder(folder: URL(fileURLWithPath: folder))
            let posts = try MNERDataset.read(try data.require("twitter2015/train.txt"))
            var model = SequenceTagger(encoder: pretrained.encoder, tagCount: MNERDataset.tags.count, seed: 7)
            var optimizer = Adam(for: model, learningRate: 1e-3, groups: [.prefixed(["encoder."], learningRate: 5e-5)])
            let config = pretrained.encoder.config
            var realSubwords = 0, paddedSubwords = 0, flops = 0.0, seconds = 0.0
            for index in 0...batches {
                let slice = posts[(index * batchSize) % posts.count ..< min(posts.count, (index * batchSize) % posts.count + batchSize)]
                let batch = TaggingBatch(Array(slice), tokenizer: pretrained.tokenizer, maxLength: config.maxPositionEmbeddings)
                if check && index == 0 {
                    let (lossA, a) = model.lossAndGradients(batch, dropoutSeed: nil, packed: false)
                    let (lossB, b) = model.lossAndGradients(batch, dropoutSeed: nil, packed: true)
                    // Differences relative to each tensor's largest gradient; key biases get (near-)zero
                    // gradients (softmax ignores them), so their noise is shown in absolute terms.
                    var rows: [(Float, String)] = []
                    for parameter in model.parameters {
                        let (x, y) = (a[keyPath: parameter.path], b[keyPath: parameter.path])
                        let scale = parameter.name.hasSuffix("key.bias") ? 1 : max(1e-12, x.values.map(abs).max() ?? 0)
                        rows.append((x.maxAbsoluteDifference(y) / scale, parameter.name))
                    }
                    let worst = rows.sorted { $0.0 > $1.0 }.prefix(3).map { "\($0.1) \($0.0)" }.joined(separator: ", ")
                    Terminal.write("check: loss padded \(lossA), packed \(lossB); largest relative gradient differences: \(worst)\n")
                }
                let started = DispatchTime.now().uptimeNanoseconds
                let (_, gradients) = model.lossAndGradients(batch, dropoutSeed: UInt64(index), packed: !self.padded)
                optimizer.step(&model, gradients: gradients)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                guard index > 0 else { continue }  // the first batch warms caches and thread pools
                seconds += elapsed
                let tokens = batch.tokens
                realSubwords += batch.subwordCount
                paddedSubwords += tokens.size * tokens.length
                let lengths = self.padded ? [Int](repeating: tokens.length, count: tokens.size) : tokens.packing.lengths
                flops += Self.trainingFLOPs(config, lengths: lengths)
            }
            let rate = Double(realSubwords) / seconds
            let achieved = flops / seconds / 1e9
            let peak = BLAS.measureSGEMM(size: 1024, repeats: 10)
            Terminal.write("""
                encoder \(folder)
                \(batches) batches of \(batchSize) posts, \(threads) BLAS threads (OpenBLAS \(BLAS.kernels) kernels): \(realSubwords) real sub-words (\(paddedSubwords) with padding) in \(String(format: "%.2f", seconds)) s
                \(String(format: "%.0f", rate)) real sub-words/s = \(String(format: "%.2f", rate / Self.pyTorchSubwordsPerSecond))× the issue's PyTorch figure of \(Int(Self.pyTorchSubwordsPerSecond))/s (Benchmarks/ner/pytorch_train_bench.py measures it here)
                \(String(format: "%.1f", achieved)) GFLOP/s of encoder matmul and attention work computed (\(self.padded ? "padded positions included" : "real tokens only")), \(String(format: "%.0f", 100 * achieved / peak))% of the \(String(format: "%.0f", peak)) GFLOP/s a 1024² sgemm reaches in this run

                """)
            Terminal.flush()
        }

        /// Forward + backward FLOPs of the encoder's matmuls and attention products (backward = 2× forward).
        /// `lengths` are the computed sequences' lengths (all the padded length on the padded path).
        static func trainingFLOPs(_ config: TextEncoder.Configuration, lengths: [Int]) -> Double {
            let tokens = Double(lengths.reduce(0, +)), h = Double(config.hiddenSize), i = Double(config.intermediateSize)
            let perLayer = tokens * 2 * (4 * h * h + 2 * h * i) + 2 * 2 * Double(lengths.reduce(0) { $0 + $1 * $1 }) * h
            return 3 * perLayer * Double(config.layerCount)
        }
    }
}
