import SharedTestPaths
import Encoders
import Foundation
import SafeTensors
import Tensors
import XCTest

/// The shared reference fixtures: `$COATT_SHARED/fixtures`, else `<package root>/../shared/fixtures`.
enum Fixtures {
    static var root: URL { SharedTestPaths.sharedRoot.appendingPathComponent("fixtures") }

    /// The folder of one fixture; skips the test, naming the folder, when it is absent.
    static func directory(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("io.safetensors").path) else {
            throw XCTSkip("fixture \(name) not found at \(url.path) (set COATT_SHARED to the shared folder)")
        }
        return url
    }

    /// The real all-MiniLM-L6-v2 model folder; skips when absent.
    static func miniLMModel() throws -> URL { try SharedTestPaths.miniLMFolder() }

    /// Every tensor of a safetensors file as float32; integer tensors (MiniLM's I64
    /// `embeddings.position_ids`) are converted, so loading has to ignore them explicitly.
    static func tensors(_ url: URL) throws -> NamedTensors {
        try NamedTensorsFile.read(url)
    }
}

extension NamedTensors {
    /// The named tensor as a ``Tensor``; fails the test when absent.
    func tensor(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Tensor {
        let entry = try XCTUnwrap(self[name], "no tensor \(name)", file: file, line: line)
        return Tensor(shape: entry.shape, values: entry.values)
    }
}

