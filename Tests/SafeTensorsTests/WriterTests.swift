import Foundation
import SafeTensors
import XCTest

final class WriterTests: XCTestCase {
    private let referenceTensors: [SafeTensorsWriter.Tensor] = [
        ("scalar", [], [42]),
        ("b.weight", [2, 2], [1, -2, 0.5, 1e-8]),
        ("Z\u{e9}\"quote", [1], [1]),
        ("empty", [0, 3], []),
        ("a", [3], [3.25, -0.0, 7]),
    ]

    /// Same tensors and metadata as Python's `safetensors.numpy.save` in
    /// scripts/make_safetensors_fixtures.py: the bytes must be identical, header order, JSON
    /// escaping and padding included, given in any order.
    func testBytesAreIdenticalToPythonSafetensors() throws {
        let metadata = ["note": "line\nbreak \"q\" \\ \u{e9} \u{01}"]
        XCTAssertEqual(try SafeTensorsWriter.encode(tensors: referenceTensors, metadata: metadata), pythonWriterReference)
        XCTAssertEqual(try SafeTensorsWriter.encode(tensors: referenceTensors.reversed(), metadata: metadata), pythonWriterReference)
    }

    /// Files written here also load in Python. Checked once (safetensors 0.8.0) on the file this
    /// test writes: `safe_open(path, "np")` gave keys ['empty', 'layer.0.weight', 'nan', 'vector'],
    /// metadata {'format': 'pt', 'seed': '7'}, `layer.0.weight` of shape (3, 5) equal to
    /// np.arange(15).reshape(3, 5) / 8 - 1, and `nan` = [nan, -0.0, inf].
    func testRoundTripThroughAFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("round-trip.safetensors")
        let weight = (0..<15).map { Float($0) / 8 - 1 }
        try SafeTensorsWriter.write(tensors: ["layer.0.weight": ([3, 5], weight),
                                              "vector": ([4], [1, 2, 3, 4]),
                                              "nan": ([3], [.nan, -0.0, .infinity]),
                                              "empty": ([0], [])],
                                    metadata: ["format": "pt", "seed": "7"], to: url)
        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(file.names, ["empty", "layer.0.weight", "nan", "vector"])
        XCTAssertEqual(file.metadata, ["format": "pt", "seed": "7"])
        XCTAssertEqual(try file.info("layer.0.weight").shape, [3, 5])
        XCTAssertEqual(try file.floats("layer.0.weight"), weight)
        XCTAssertEqual(try file.floats("vector"), [1, 2, 3, 4])
        XCTAssertEqual(try file.floats("nan").map(\.bitPattern), [Float.nan, -0.0, .infinity].map(\.bitPattern))
        XCTAssertEqual(try file.floats("empty"), [])
        // The header is padded so the data starts 8-byte aligned, as in the reference.
        let headerLength = try Data(contentsOf: url).prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        XCTAssertEqual(headerLength % 8, 0)
    }

    func testRewritingAFileThatIsOpenKeepsTheOpenMappingIntact() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("weights.safetensors")
        try SafeTensorsWriter.write(tensors: [("w", [2], [1, 2])], to: url)
        let before = try SafeTensorsFile(url: url)
        try SafeTensorsWriter.write(tensors: [("w", [3], [7, 8, 9])], to: url)
        XCTAssertEqual(try before.floats("w"), [1, 2])
        XCTAssertEqual(try SafeTensorsFile(url: url).floats("w"), [7, 8, 9])
    }

    func testInconsistentTensorsAreRejected() {
        assertThrows(try SafeTensorsWriter.encode(tensors: [("w", [2, 3], [1, 2, 3])]),
                     containing: ["cannot write tensor w", "shape [2, 3] holds 6 values but 3 were given"])
        assertThrows(try SafeTensorsWriter.encode(tensors: [("w", [1], [1]), ("w", [1], [2])]),
                     containing: ["tensor w", "more than once"])
        assertThrows(try SafeTensorsWriter.encode(tensors: [("__metadata__", [1], [1])]),
                     containing: ["reserved"])
        assertThrows(try SafeTensorsWriter.encode(tensors: [("w", [-1, -2], [1, 2])]),
                     containing: ["negative dimension"])
    }

    func testUnwritablePathIsReported() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("missing-folder/w.safetensors")
        assertThrows(try SafeTensorsWriter.write(tensors: [("w", [1], [1])], to: url),
                     containing: ["cannot write safetensors file \(url.path)"])
    }
}
