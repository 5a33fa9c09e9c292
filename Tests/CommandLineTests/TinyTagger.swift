import Foundation
import SharedTestPaths
import XCTest

/// A tagger trained in seconds by `coatt ner train` (--no-kg --no-image), shared by the tests of
/// the commands that run one: the shared bert-tiny encoder (2 layers, 64 positions) with a
/// vocabulary of its 120 ids, fitted to four posts. Trained once per test run, removed when the
/// test bundle finishes.
enum TinyTagger {
    /// The four posts it learns, with their BIO tags.
    static let sentences = [("Obama visited Paris", "B-PER O B-LOC"),
                            ("Barack Obama went to London", "B-PER I-PER O O B-LOC"),
                            ("Cameron visited New York with Obama", "B-PER O B-LOC I-LOC O B-PER"),
                            ("I love Apple and Google", "O O B-ORG O B-ORG")]
    nonisolated(unsafe) private static var trained: Result<URL, Error>?

    /// The trained model folder, or a skip when the fixtures or the binary are missing.
    static func folder() throws -> URL {
        if trained == nil {
            trained = Result { try train() }
            if case .success(let folder) = trained {
                XCTestObservationCenter.shared.addTestObserver(Cleanup(root: folder.deletingLastPathComponent()))
            }
        }
        return try trained!.get()
    }

    /// Removes the training folder when every test has run.
    private final class Cleanup: NSObject, XCTestObservation {
        let root: URL
        init(root: URL) { self.root = root }
        func testBundleDidFinish(_ testBundle: Bundle) { try? FileManager.default.removeItem(at: root) }
    }

    private struct TrainingFailed: Error { let message: String }

    private static func train() throws -> URL {
        let encoder = try SharedTestPaths.shared("fixtures/bert-tiny")
        _ = try SharedTestPaths.coattBinary()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-tiny-tagger-\(UUID().uuidString)")
        let encoderCopy = root.appendingPathComponent("encoder"), data = root.appendingPathComponent("data/twitter2015")
        try FileManager.default.createDirectory(at: encoderCopy, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["config.json", "model.safetensors"] {
            try FileManager.default.copyItem(at: encoder.appendingPathComponent(name), to: encoderCopy.appendingPathComponent(name))
        }
        let words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
            + Set(sentences.flatMap { $0.0.lowercased().split(separator: " ").map(String.init) }).sorted()
        try (words + (words.count..<120).map { "filler\($0)" }).joined(separator: "\n")
            .write(to: encoderCopy.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)
        for (split, count) in [("train", 16), ("valid", 4), ("test", 4)] {
            let posts = (0..<count).map { index in
                let (text, tags) = sentences[index % sentences.count]
                let lines = zip(text.split(separator: " "), tags.split(separator: " ")).map { "\($0)\t\($1)\n" }
                return "IMGID:\(index)\n" + lines.joined()
            }
            try posts.joined(separator: "\n").write(to: data.appendingPathComponent("\(split).txt"), atomically: true, encoding: .utf8)
        }
        let out = root.appendingPathComponent("model")
        let result = try SharedTestPaths.runCoatt(["ner", "train", "--encoder", encoderCopy.path, "--dataset", "twitter2015",
                                                   "--data-dir", root.appendingPathComponent("data").path, "--out", out.path,
                                                   "--epochs", "30", "--batch-size", "4", "--head-lr", "0.05", "--encoder-lr", "0.003",
                                                   "--no-kg", "--no-image"])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: root)
            throw TrainingFailed(message: "ner train failed: \(result.stderr)")
        }
        return out
    }
}
