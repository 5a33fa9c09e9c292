import ArgumentParser
import BLAS
import Encoders
import Foundation
import Images
import NER
import Tensors

extension BenchCommand {
    /// `coatt bench tagger`: inference speed of the tagger as `coatt ner tag` runs it (encoder,
    /// emissions, Viterbi and every span's CRF confidence): posts/s over Twitter-2015 test in batches,
    /// and the latency of one post at a time, text only and, with `--vision`, with a 224×224 image
    /// through the CLIP encoder and the co-attention fusion. Weights do not change the work, so the
    /// tagger's new layers are freshly initialised.
    struct Tagger: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tagging speed: posts/s in batches and one-post latency (p50/p99), text only and with an image.")

        @OptionGroup var data: DataOption
        @OptionGroup var encoderOption: EncoderOption
        @Option(help: ArgumentHelp("A CLIP vision encoder folder: also time posts with an image.", valueName: "DIR"))
        var vision: String?
        @Option(help: ArgumentHelp("The image (default: the fixture photo under the shared folder).", valueName: "FILE.jpg"))
        var image: String?
        @Option(help: "Posts per batch for the throughput figure.") var batchSize = 32
        @Option(help: "Posts timed one at a time for the latency figures.") var single = 200
        @Option(help: "OpenBLAS threads.") var threads = 2
        @Option(help: ArgumentHelp("Batches tagged at once for the throughput figure, each on its own thread with threads ÷ streams OpenBLAS threads (as `ner tag --input` does).", valueName: "N"))
        var streams = 1

        /// PyTorch 2.15 on the same 2 cores, MiniLM + linear + CRF (the figures).
        static let pyTorchMedianMilliseconds = 13.3, pyTorchPostsPerSecond = 121.0

        func run() throws {
            try EncoderRuntime.prepare(threads: threads)
            let pretrained = try PretrainedTextEncoder(folder: URL(fileURLWithPath: try encoderOption.folder()))
            let posts = try MNERDataset.read(try data.require("twitter2015/test.txt")).map { PostText($0.words.joined(separator: " ")) }
            let textOnly = SequenceTagger(encoder: pretrained.encoder, tagCount: MNERDataset.tags.count, seed: 1)
            Terminal.write("encoder \(pretrained.folder.path), \(threads) BLAS threads (OpenBLAS \(BLAS.kernels) kernels), Twitter-2015 test (\(posts.count) posts)\n")
            report("text only", tagger: textOnly, posts: posts, tokenizer: pretrained, imageIDs: nil) { _ in .textOnly }
            guard let vision else { return }
            let encoder = try PretrainedVisionEncoder(folder: URL(fileURLWithPath: vision))
            // The shared folder holds data/ and fixtures/ side by side.
            let photo = image.map { URL(fileURLWithPath: $0) }
                ?? data.root.deletingLastPathComponent().appendingPathComponent("fixtures/clip-vit-tiny/preprocess/photo.jpg")
            let pixels = try encoder.preprocessor(contentsOf: photo)
            let architecture = TaggerArchitecture(tagCount: MNERDataset.tags.count, fusion: .coAttention,
                                                  imageWidth: encoder.encoder.config.hiddenSize)
            let withImage = SequenceTagger(encoder: pretrained.encoder, architecture: architecture, seed: 1)
            // Every post has its own image (the same photo here), and its CLIP pass is part of the
            // post's cost: the visual tokens are computed inside the timing, one image per post.
            let ids = posts.indices.map(String.init)
            report("with a \(pixels.shape[1])×\(pixels.shape[2]) image each", tagger: withImage, posts: posts,
                   tokenizer: pretrained, imageIDs: ids, comparesWithPyTorch: false) { chunk in
                TaggerFeatures(imageTokens: VisualTokens.compute(chunk.map { ($0, .image(pixels)) }, encoder: encoder.encoder))
            }
        }

        /// Times batches of `batchSize` and `single` one-post calls; `features`, run inside each
        /// timing on the image ids of the posts being tagged, supplies the tagger's inputs.
        private func report(_ label: String, tagger: SequenceTagger, posts: [PostText], tokenizer pretrained: PretrainedTextEncoder,
                            imageIDs: [String]?, comparesWithPyTorch: Bool = true, features: ([String]) -> TaggerFeatures) {
            func tag(_ range: Range<Int>) {
                let ids = imageIDs.map { Array($0[range]) }
                _ = tagger.tagSpans(Array(posts[range]), tokenizer: pretrained.tokenizer, labels: MNERDataset.tags,
                                    batchSize: batchSize, features: features(ids ?? []), imageIDs: ids)
            }
            tag(0..<batchSize)  // warm-up: thread pools, allocator
            let batchCount = min(posts.count, 20 * batchSize)
            let batches = stride(from: 0, to: batchCount, by: batchSize).map { $0..<min(batchCount, $0 + batchSize) }
            let streamCount = max(1, min(streams, batches.count))
            let started = DispatchTime.now().uptimeNanoseconds
            TaggingStreams(streams: streamCount, threads: threads).run(batches, tag: tag) { _, _ in }
            let throughput = Double(batchCount) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            var latencies: [Double] = []
            for index in 0..<min(single, posts.count) {
                let begin = DispatchTime.now().uptimeNanoseconds
                tag(index..<(index + 1))
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            }
            latencies.sort()
            let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
            let streamNote = streamCount > 1 ? " (\(streamCount) streams)" : ""
            var line = String(format: "%@: %.0f posts/s at batch %d%@; one post p50 %.2f ms, p99 %.2f ms", label, throughput,
                              batchSize, streamNote, p50, p99)
            if comparesWithPyTorch {
                // Both as speed-ups (above 1: faster), so the two ratios read the same way.
                line += String(format: " (%.2f× the issue's PyTorch figure of %.0f posts/s; p50 %.2f× its speed, %.1f ms)",
                               throughput / Self.pyTorchPostsPerSecond, Self.pyTorchPostsPerSecond,
                               Self.pyTorchMedianMilliseconds / p50, Self.pyTorchMedianMilliseconds)
            }
            Terminal.write(line + "\n")
            Terminal.flush()
        }
    }
}
