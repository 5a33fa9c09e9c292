import SharedTestPaths
import Encoders
import Foundation
import SafeTensors
import Tensors
import XCTest

/// A tensor of N(0, 1) values (times `scale`) from a fixed seed.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var generator = SeededRandom(seed: seed)
    return .normal(shape: shape, standardDeviation: scale, using: &generator)
}

/// Asserts that `analytic` matches central differences of `loss` at `x`: relative error below
/// `tolerance`, or both below `zeroTolerance` for a vanishing gradient
/// (``GradientCheck/Result/agrees(relativeTolerance:zeroTolerance:)``). Prints the figures.
@discardableResult
func assertGradient(_ label: String, analytic: Tensor, at x: Tensor, indices: [Int]? = nil, epsilon: Float = 1e-2,
                    tolerance: Double = 1e-2, zeroTolerance: Double = 1e-3, file: StaticString = #filePath,
                    line: UInt = #line, loss: (Tensor) -> Double) -> GradientCheck.Result {
    let result = GradientCheck.compare(analytic: analytic, loss: loss, at: x, indices: indices, epsilon: epsilon)
    print("gradient check \(label): \(result)")
    XCTAssertTrue(result.agrees(relativeTolerance: tolerance, zeroTolerance: zeroTolerance), "\(label): \(result)",
                  file: file, line: line)
    XCTAssertGreaterThan(result.checkedCount, 0, "\(label): nothing checked", file: file, line: line)
    return result
}

/// Up to `count` entry indices of a tensor of `size` elements, spread evenly (all if fewer).
func sampleIndices(_ size: Int, count: Int) -> [Int] {
    size <= count ? Array(0..<size) : (0..<count).map { $0 * size / count }
}

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

/// Checks every parameter gradient of `model` (`samples` entries of each tensor) against
/// central differences of `loss`, which evaluates a copy of the model.
func assertParameterGradients<Group: ParameterGroup>(_ label: String, model: Group, gradients: Group, samples: Int = 16,
                                                     epsilon: Float = 1e-2, tolerance: Double = 1e-2,
                                                     zeroTolerance: Double = 1e-3,
                                                     file: StaticString = #filePath, line: UInt = #line,
                                                     loss: (Group) -> Double) {
    for parameter in model.parameters {
        let value = model[keyPath: parameter.path]
        assertGradient("\(label) \(parameter.name)", analytic: gradients[keyPath: parameter.path], at: value,
                       indices: sampleIndices(value.count, count: samples), epsilon: epsilon, tolerance: tolerance,
                       zeroTolerance: zeroTolerance, file: file, line: line) { probe in
            var copy = model
            copy[keyPath: parameter.path] = probe
            return loss(copy)
        }
    }
}
