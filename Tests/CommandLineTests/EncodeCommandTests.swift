import Foundation
import SharedTestPaths
import XCTest

/// `coatt encode` on the shared bert-tiny encoder (64 positions) with a vocabulary made here.
final class EncodeCommandTests: XCTestCase {
    func testATextLongerThanTheEncoderIsTruncatedWithANote() throws {
        let encoder = try SharedTestPaths.shared("fixtures/bert-tiny")
        try CoAttCommand.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-encode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["config.json", "model.safetensors"] {
            try FileManager.default.copyItem(at: encoder.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "word"] + (6..<120).map { "filler\($0)" }
        try vocabulary.joined(separator: "\n").write(to: folder.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)

        let long = try CoAttCommand.run(["encode", "--encoder", folder.path, "--text", Array(repeating: "word", count: 100).joined(separator: " ")])
        XCTAssertEqual(long.status, 0, long.stderr)
        XCTAssertTrue(long.stdout.contains("64 sub-words"), long.stdout)
        XCTAssertTrue(long.stderr.contains("the text is 102 sub-words with [CLS] and [SEP]; the encoder takes 64"), long.stderr)

        let short = try CoAttCommand.run(["encode", "--encoder", folder.path, "--text", "word word"])
        XCTAssertEqual(short.status, 0, short.stderr)
        XCTAssertTrue(short.stdout.contains("4 sub-words"), short.stdout)
        XCTAssertEqual(short.stderr, "", "nothing was cut")
    }
}
