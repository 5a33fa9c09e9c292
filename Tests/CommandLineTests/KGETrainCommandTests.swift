import Foundation
import XCTest

/// `coatt kge train` as a user runs it: config files, checkpoints and resume, training from
/// graphs of the store, and the bad input the TransE issue lists.
final class KGETrainCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try CoAttCommand.requireBinary()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kge-cli-\(UUID().uuidString)")
        let kg = folder.appendingPathComponent("toy")
        try FileManager.default.createDirectory(at: kg, withIntermediateDirectories: true)
        // Two relations along a chain (52 entities in train); valid/test continue it, so most of their
        // triples name entities unseen in training and are dropped, as the issue asks.
        func lines(_ range: Range<Int>) -> String {
            range.map { "e\($0)\tnext\te\($0 + 1)\ne\($0)\tskip\te\($0 + 2)\n" }.joined()
        }
        try lines(0..<50).write(to: kg.appendingPathComponent("train.txt"), atomically: true, encoding: .utf8)
        try lines(50..<54).write(to: kg.appendingPathComponent("valid.txt"), atomically: true, encoding: .utf8)
        try lines(54..<58).write(to: kg.appendingPathComponent("test.txt"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func train(_ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CoAttCommand.run(["kge", "train", "--kg", path("toy"), "--dim", "8", "--batch-size", "32", "--eval-every", "2",
                              "--patience", "10"] + extra)
    }

    func testConfigFileIsReadAndOptionsOverrideIt() throws {
        try #"{"dim": 4, "epochs": 2, "loss": "ce", "optimizer": "adagrad", "lr": 0.05, "reciprocal": true, "head-negatives": 2}"#
            .write(toFile: path("settings.json"), atomically: true, encoding: .utf8)
        let run = try CoAttCommand.run(["kge", "train", "--kg", path("toy"), "--config", path("settings.json"), "--dim", "6",
                                        "--out", path("m.safetensors")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let header = try String(contentsOfFile: path("m.safetensors"), encoding: .isoLatin1)
        XCTAssertTrue(header.contains(#""shape":[52,6]"#), "--dim 6 overrides the file's 4")
        XCTAssertTrue(header.contains(#""shape":[4,6]"#), "reciprocal: 2 relations and their inverses")

        try #"{"dim": 4, "epochz": 2}"#.write(toFile: path("typo.json"), atomically: true, encoding: .utf8)
        let typo = try CoAttCommand.run(["kge", "train", "--kg", path("toy"), "--config", path("typo.json"), "--out", path("t.st")])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.stderr.contains("unknown setting 'epochz'"), typo.stderr)
        for (text, message) in [(#"{"lr": "fast"}"#, "setting lr is not of type Float"), (#"{"lr": "#, "not valid JSON"), ("[1]", "not a JSON object")] {
            try text.write(toFile: path("bad.json"), atomically: true, encoding: .utf8)
            let bad = try CoAttCommand.run(["kge", "train", "--kg", path("toy"), "--config", path("bad.json"), "--out", path("t.st")])
            XCTAssertTrue(bad.stderr.contains("bad.json: \(message)"), bad.stderr)
        }
    }

    func testResumeRepeatsTheUninterruptedRunExactly() throws {
        XCTAssertEqual(try train(["--epochs", "4", "--out", path("a.st")]).status, 0)
        XCTAssertEqual(try train(["--epochs", "2", "--out", path("b.st")]).status, 0)
        let resumed = try train(["--epochs", "4", "--out", path("b.st"), "--resume", path("b.st.checkpoint")])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("resuming"), resumed.stdout)
        XCTAssertEqual(FileManager.default.contents(atPath: path("a.st.checkpoint")), FileManager.default.contents(atPath: path("b.st.checkpoint")))
    }

    func testBadInputIsRefusedAndOverwritesNothing() throws {
        XCTAssertEqual(try train(["--epochs", "2", "--out", path("b.st")]).status, 0)
        let before = FileManager.default.contents(atPath: path("b.st"))
        for (arguments, message) in [
            (["--epochs", "4", "--dim", "16", "--resume", path("b.st.checkpoint")], "8-dimensional"),
            (["--dim", "0"], "--dim must be positive"),
            (["--lr", "nan"], "--lr must be a positive number"),
            (["--epochs", "0"], "--epochs must be positive"),
            (["--batch-size", "0"], "--batch-size must be positive"),
            (["--negatives", "0"], "--negatives must be positive"),
            (["--eval-every", "0"], "--eval-every must be positive"),
        ] {
            let run = try train(["--out", path("b.st")] + arguments)
            XCTAssertNotEqual(run.status, 0, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            XCTAssertEqual(FileManager.default.contents(atPath: path("b.st")), before, "\(arguments) overwrote the model")
        }
        let diverged = try train(["--out", path("d.st"), "--optimizer", "sgd", "--lr", "1e38", "--epochs", "2"])
        XCTAssertTrue(diverged.status != 0 && diverged.stderr.contains("training diverged"), diverged.stderr + diverged.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("d.st")), "a diverged model is not kept")
        let badName = try train(["--out", path("r.st"), "--epochs", "2", "--register", "bad name/x", "--store", path("r.store")])
        XCTAssertTrue(badName.stderr.contains("model name 'bad name/x'") && !badName.stdout.contains("epoch 1"), badName.stderr + badName.stdout)
        try "e1\tnext\te2\te3\n".write(toFile: path("toy/train.txt"), atomically: true, encoding: .utf8)
        let outFolder = try CoAttCommand.run(["kge", "train", "--kg", path("toy"), "--out", folder.path])
        XCTAssertTrue(outFolder.stderr.contains("is a directory"), outFolder.stderr)
        try Data([0x61, 0x09, 0x72, 0x09, 0x62, 0x0A, 0x63, 0x09, 0x72, 0x09, 0xFF, 0x0A]).write(to: folder.appendingPathComponent("bytes.txt"))
        let bytesDataset = folder.appendingPathComponent("bytes")
        try FileManager.default.createDirectory(at: bytesDataset, withIntermediateDirectories: true)
        for split in ["train", "valid", "test"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent("bytes.txt"), to: bytesDataset.appendingPathComponent("\(split).txt"))
        }
        let notUTF8 = try CoAttCommand.run(["kge", "train", "--kg", bytesDataset.path, "--out", path("u.st")])
        XCTAssertTrue(notUTF8.stderr.contains("train.txt:2: not UTF-8"), notUTF8.stderr)
        let noSplits = try CoAttCommand.run(["kge", "train", "--kg", folder.path, "--out", path("c.st")])
        XCTAssertTrue(noSplits.stderr.contains("\(folder.path) has no train.txt"), noSplits.stderr)
        let columns = try train(["--out", path("c.st")])
        XCTAssertTrue(columns.stderr.contains("train.txt:1: expected 3 tab-separated columns"), columns.stderr)
    }

    func testTrainsFromGraphsOfTheStoreAndRegisters() throws {
        let store = path("s.store")
        for (file, graph) in [("train", "http://example.org/train"), ("valid", "http://example.org/valid")] {
            let turtle = try String(contentsOfFile: path("toy/\(file).txt"), encoding: .utf8)
                .split(separator: "\n").map { line -> String in
                    let p = line.split(separator: "\t")
                    return "<http://example.org/\(p[0])> <http://example.org/\(p[1])> <http://example.org/\(p[2])> ."
                }.joined(separator: "\n")
            try turtle.write(toFile: path("\(file).nt"), atomically: true, encoding: .utf8)
            XCTAssertEqual(try CoAttCommand.run(["load", path("\(file).nt"), "--graph", graph, "--store", store]).status, 0)
        }
        let run = try CoAttCommand.run(["kge", "train", "--store", store, "--graph", "http://example.org/train",
                                        "--valid-graph", "http://example.org/valid", "--dim", "8", "--epochs", "2", "--eval-every", "2",
                                        "--out", path("g.st"), "--register", "chain"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("52 entities, 2 relations, 100 train / 1 valid"), run.stdout)
        // A model trained on graphs is ranked on graphs of the same store.
        let eval = try CoAttCommand.run(["kge", "eval", "--store", store, "--graph", "http://example.org/train",
                                         "--valid-graph", "http://example.org/valid", "--split", "valid", "--model", path("g.st")])
        XCTAssertEqual(eval.status, 0, eval.stderr)
        XCTAssertTrue(eval.stdout.contains("both"), eval.stdout)
        let nearest = try CoAttCommand.run(["kge", "nearest", "--store", store, "http://example.org/e10", "-k", "2"])
        XCTAssertEqual(nearest.status, 0, nearest.stderr)
        XCTAssertEqual(nearest.stdout.split(separator: "\n").filter { $0.contains("<http://example.org/e") }.count, 2)
        let empty = try CoAttCommand.run(["kge", "train", "--store", store, "--graph", "http://example.org/none", "--out", path("n.st")])
        XCTAssertTrue(empty.stderr.contains("no triples between IRIs"), empty.stderr)
        let noValid = try CoAttCommand.run(["kge", "train", "--store", store, "--graph", "http://example.org/train",
                                            "--valid-graph", "http://example.org/none", "--out", path("v.st")])
        XCTAssertTrue(noValid.stderr.contains("--valid-graph <http://example.org/none>"), noValid.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("v.st")))
        // A model is found by its registered name as well as by its IRI; a wrong name lists the names.
        let byName = try CoAttCommand.run(["kge", "score", "--store", store, "--model", "chain",
                                           "http://example.org/e1", "http://example.org/next", "http://example.org/e2"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        let wrongName = try CoAttCommand.run(["kge", "nearest", "--store", store, "--model", "chains", "http://example.org/e10"])
        XCTAssertTrue(wrongName.stderr.contains("no TransE model chains") && wrongName.stderr.contains("registered: chain"), wrongName.stderr)
    }

    func testEvalGivesBothSidesAndEachRelationAsJSON() throws {
        XCTAssertEqual(try train(["--epochs", "2", "--out", path("e.st")]).status, 0)
        let run = try CoAttCommand.run(["kge", "eval", "--kg", path("toy"), "--model", path("e.st"), "--split", "valid",
                                        "--per-relation", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let both = try XCTUnwrap(document["both"] as? [String: Any])
        XCTAssertEqual(both["count"] as? Int, 2, "one valid triple survives, ranked at both sides")
        let relations = try XCTUnwrap(document["relations"] as? [String: [String: Any]])
        XCTAssertEqual(Set(relations.keys), ["next"])
        XCTAssertEqual(relations["next"]?["mrr"] as? Double, both["mrr"] as? Double)
    }

    func testEvalGivesBootstrapIntervalsAndAPairedComparison() throws {
        XCTAssertEqual(try train(["--epochs", "2", "--out", path("a.st")]).status, 0)
        XCTAssertEqual(try train(["--epochs", "4", "--seed", "2", "--out", path("b.st")]).status, 0)
        func eval(_ extra: [String]) throws -> [String: Any] {
            let run = try CoAttCommand.run(["kge", "eval", "--kg", path("toy"), "--split", "valid", "--json"] + extra)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        func mrr(_ object: Any?) -> Double? { (object as? [String: Any])?["mrr"] as? Double }
        func interval(_ object: Any?) -> [Double]? { (object as? [String: Any])?["mrr"] as? [Double] }
        let a = try eval(["--model", path("a.st"), "--bootstrap", "50", "--compare", path("b.st")])
        let b = try eval(["--model", path("b.st")])
        let (mrrA, mrrB) = (try XCTUnwrap(mrr(a["both"])), try XCTUnwrap(mrr(b["both"])))
        // One valid triple survives: every resample is that triple, so the intervals are points.
        XCTAssertEqual(interval(a["bootstrap"]), [mrrA, mrrA])
        let compare = try XCTUnwrap(a["compare"] as? [String: Any])
        XCTAssertEqual(mrr(compare["both"]), mrrB, "the compared model's metrics are its own evaluation's")
        XCTAssertEqual(try XCTUnwrap(interval(compare["difference"]))[0], mrrA - mrrB, accuracy: 1e-12)
        XCTAssertEqual(interval((try eval(["--model", path("a.st"), "--compare", path("a.st")])["compare"] as? [String: Any])?["difference"]), [0, 0])

        let zero = try CoAttCommand.run(["kge", "eval", "--kg", path("toy"), "--model", path("a.st"), "--bootstrap", "0"])
        XCTAssertNotEqual(zero.status, 0)
        XCTAssertTrue(zero.stderr.contains("--bootstrap must be a positive number"), zero.stderr)
        let dev = try CoAttCommand.run(["kge", "eval", "--kg", path("toy"), "--model", path("a.st"), "--split", "dev"])
        XCTAssertNotEqual(dev.status, 0)
        XCTAssertTrue(dev.stderr.contains("--split must be test or valid"), dev.stderr)
        // Every toy test triple names entities beyond training: a table of zeros would read as a result.
        let unrankable = try CoAttCommand.run(["kge", "eval", "--kg", path("toy"), "--model", path("a.st")])
        XCTAssertNotEqual(unrankable.status, 0)
        XCTAssertTrue(unrankable.stderr.contains("has no triple to rank (8 name an entity"), unrankable.stderr)
    }
}
