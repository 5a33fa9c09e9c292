import Foundation
@testable import NER
import Tensors
import Tokenizers
import XCTest

final class KnowledgeFeaturesTests: XCTestCase {
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "new", "york", "par", "##is", "is", "big",
    ]))
    /// Entities 0 (New York), 1 and 2 (both Paris) with 2-d vectors.
    private let features = KnowledgeFeatures(
        gazetteer: Gazetteer(labels: [(label: "New York", entity: 0), (label: "Paris", entity: 1), (label: "Paris", entity: 2)]),
        vectors: Tensor(shape: [3, 2], values: [1, 2, 10, 20, 30, 60]))

    func testEverySubtokenOfAMatchedWordCarriesTheMeanOfItsEntities() {
        let words = [["Paris", "is", "big"], ["New", "York"]]
        let encodings = words.map { tokenizer.encode(words: $0) }
        XCTAssertEqual(encodings[0].tokens, ["[CLS]", "par", "##is", "is", "big", "[SEP]"])
        let vectors = features.subwordVectors(words: words, encodings: encodings, length: 7)
        XCTAssertEqual(vectors.shape, [2, 7, 2])
        XCTAssertEqual(features.dimension, 2)
        XCTAssertEqual(vectors.values, [
            0, 0, 20, 40, 20, 40, 0, 0, 0, 0, 0, 0, 0, 0,  // [CLS] par ##is is big [SEP] pad
            0, 0, 1, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0,      // [CLS] new york [SEP] pad pad pad
        ])
    }

    func testCoverageCountsMatchedWords() {
        let coverage = features.coverage(words: [["Paris", "is", "big"], ["New", "York"], []])
        XCTAssertEqual(coverage.matched, 3)
        XCTAssertEqual(coverage.total, 5)
    }

    func testSHA256MatchesKnownDigests() {
        XCTAssertEqual(SHA256.hexDigest(of: Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest(of: Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // 56 and 64 bytes: the padding spills into a second block; 1000 bytes: many blocks and a tail
        // (digests from Python's hashlib).
        XCTAssertEqual(SHA256.hexDigest(of: Data(0..<56)), "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562")
        XCTAssertEqual(SHA256.hexDigest(of: Data(0..<64)), "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108")
        XCTAssertEqual(SHA256.hexDigest(of: Data((0..<1000).map { UInt8($0 * 7 % 256) })),
                       "89f4ff56a25dd1db06a4ce6033603775d705fb96f30f8693733fef602a1ca532")
    }

    /// The CPU's SHA extensions (when it has them) and the portable rounds agree on every length
    /// around the block and padding boundaries and on a few megabytes.
    func testHardwareAndPortableSHA256Agree() {
        var generator = SystemRandomNumberGenerator()
        let lengths = Array(0...130) + [1_000, 4_096, 65_537, 3_000_001]
        for length in lengths {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            XCTAssertEqual(SHA256.hexDigest(of: bytes, hardware: true), SHA256.hexDigest(of: bytes, hardware: false), "\(length) bytes")
        }
    }

    func testFolderRoundTripAndVectorFileChecks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knowledge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vectorFile = folder.appendingPathComponent("vectors.safetensors")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("vectors".utf8).write(to: vectorFile)
        let manifest = KnowledgeFolder.Manifest(model: "https://w3id.org/coattkg/model/m", vectorFile: vectorFile.path,
                                                vectorFileSHA256: try SHA256.hexDigest(ofFile: vectorFile), dimension: 2, labelCount: 2)
        let tagger = folder.appendingPathComponent("tagger")
        try KnowledgeFolder.write(manifest, labels: [(label: "New\tYork", entityIRI: "http://e/NY"), (label: "Paris", entityIRI: "http://e/P")], to: tagger)

        let read = try KnowledgeFolder.read(tagger)
        XCTAssertEqual(read.manifest, manifest)
        XCTAssertEqual(read.labels.map(\.label), ["New York", "Paris"])
        XCTAssertEqual(read.labels.map(\.entityIRI), ["http://e/NY", "http://e/P"])

        try Data("changed".utf8).write(to: vectorFile)
        XCTAssertThrowsError(try KnowledgeFolder.read(tagger)) { error in
            XCTAssertTrue("\(error)".contains("\(vectorFile.path) has changed"), "\(error)")
        }
        try FileManager.default.removeItem(at: vectorFile)
        XCTAssertThrowsError(try KnowledgeFolder.read(tagger)) { error in
            XCTAssertTrue("\(error)".contains("\(vectorFile.path) named by"), "\(error)")
            XCTAssertTrue("\(error)".contains("is missing"), "\(error)")
        }
    }
}
