import Foundation
import XCTest

/// `coatt ner train`'s settings as a user gives them: a config file, flags over it, and the bad
/// values that must stop a run before any training, with a message naming the setting.
final class NERTrainCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try CoAttCommand.requireBinary()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ner-train-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func train(_ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CoAttCommand.run(["ner", "train", "--encoder", folder.path, "--dataset", "twitter2015",
                              "--out", folder.appendingPathComponent("model").path] + extra)
    }

    func testAnUnknownConfigKeyIsRefusedByName() throws {
        let config = folder.appendingPathComponent("settings.json")
        try #"{"epochs": 2, "fussion": "concat"}"#.write(to: config, atomically: true, encoding: .utf8)
        let run = try train(["--config", config.path])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("unknown setting 'fussion'") && run.stderr.contains("coatt ner train"), run.stderr)
    }

    func testBadValuesNameTheOption() throws {
        for (arguments, message) in [(["--fusion", "sum"], "--fusion must be coattention or concat"),
                                     (["--temperature", "0"], "--temperature must be a positive number"),
                                     (["--dropout", "1"], "--dropout must be in [0, 1)"),
                                     (["--encoder-lr", "nan"], "--encoder-lr and --head-lr must be positive")] {
            let run = try train(arguments)
            XCTAssertNotEqual(run.status, 0, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("model").path),
                       "nothing is written for a refused run")
    }
}
