import Foundation
import SafeTensors
import XCTest

/// Damaged and malformed files: each must fail at open with a message naming the problem.
final class CorruptFileTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    /// A file whose header is `json` (length field computed) followed by `dataBytes` zero bytes.
    private func file(header json: String, dataBytes: Int) throws -> String {
        var data = Data()
        withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(json.utf8))
        data.append(Data(count: dataBytes))
        return try folder.file("corrupt.safetensors", data)
    }

    private func open(_ path: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(path: path)
    }

    func testMissingFileAndDirectory() throws {
        assertThrows(try open(folder.url.appendingPathComponent("none.safetensors").path),
                     containing: ["cannot open safetensors file", "none.safetensors", "No such file"])
        assertThrows(try open(folder.url.path), containing: ["not a regular file"])
    }

    func testFilesTooShortForTheirHeader() throws {
        assertThrows(try open(folder.file("empty.safetensors", Data())),
                     containing: ["truncated safetensors file", "empty.safetensors", "0 bytes, fewer than the 8-byte header length"])
        assertThrows(try open(folder.file("five.safetensors", Data([1, 2, 3, 4, 5]))),
                     containing: ["5 bytes"])
        var cut = Data()
        withUnsafeBytes(of: UInt64(100).littleEndian) { cut.append(contentsOf: $0) }
        cut.append(contentsOf: Array("{\"a\":".utf8))
        assertThrows(try open(folder.file("cut.safetensors", cut)),
                     containing: ["truncated", "declares 100 bytes but only 5 follow"])
    }

    func testTruncatedTensorData() throws {
        let whole = try SafeTensorsWriter.encode(tensors: [("a", [2], [1, 2]), ("b", [4], [1, 2, 3, 4])])
        let path = try folder.file("cut.safetensors", whole.dropLast(3))
        assertThrows(try open(path), containing: ["truncated safetensors file", "tensor b needs data bytes 8..<24 but the data section holds only 21"])
    }

    func testBadHeaderJSON() throws {
        assertThrows(try open(file(header: "{\"a\": {\"dtype\": \"F32\",", dataBytes: 0)),
                     containing: ["invalid safetensors header", "not valid JSON"])
        assertThrows(try open(file(header: "[1, 2]", dataBytes: 0)),
                     containing: ["invalid safetensors header"])
        assertThrows(try open(file(header: #"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 4)),
                     containing: ["w lacks \"dtype\""])
        assertThrows(try open(file(header: #"{"__metadata__":{"n":1}}"#, dataBytes: 0)),
                     containing: ["__metadata__.n is not of type String"])
    }

    func testInconsistentEntries() throws {
        assertThrows(try open(file(header: #"{"w":{"dtype":"F7","shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 4)),
                     containing: ["tensor w", "dtype F7", "unknown"])
        assertThrows(try open(file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, dataBytes: 4)),
                     containing: ["tensor w (F32 [2]) needs 8 bytes but data_offsets [0, 4] span 4"])
        assertThrows(try open(file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, dataBytes: 4)),
                     containing: ["data_offsets [4, 0]"])
        assertThrows(try open(file(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, dataBytes: 4)),
                     containing: ["negative dimension"])
        assertThrows(try open(file(header: #"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]}}"#, dataBytes: 4)),
                     containing: ["too large"])
    }

    func testTensorsMustTileTheDataSection() throws {
        assertThrows(try open(file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 8)),
                     containing: ["cover 4 bytes but the data section holds 8"])
        assertThrows(try open(file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, dataBytes: 12)),
                     containing: ["tensor b starts at data byte 8 and leaves a gap"])
        assertThrows(try open(file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8)),
                     containing: ["overlaps the previous tensor"])
    }
}
