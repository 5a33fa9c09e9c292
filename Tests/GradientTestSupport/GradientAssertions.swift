import Tensors
import XCTest

/// A tensor of N(0, 1) values (times `scale`) from a fixed seed.
public func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var generator = SeededRandom(seed: seed)
    return .normal(shape: shape, standardDeviation: scale, using: &generator)
}

/// Asserts that `analytic` matches central differences of `loss` at `x`: relative error below
/// `tolerance`, or both below `zeroTolerance` for a vanishing gradient
/// (``GradientCheck/Result/agrees(relativeTolerance:zeroTolerance:)``). Prints the figures.
@discardableResult
public func assertGradient(_ label: String, analytic: Tensor, at x: Tensor, indices: [Int]? = nil, epsilon: Float = 1e-2,
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
public func sampleIndices(_ size: Int, count: Int) -> [Int] {
    size <= count ? Array(0..<size) : (0..<count).map { $0 * size / count }
}

/// Checks every parameter gradient of `model` (`samples` entries of each tensor) against
/// central differences of `loss`, which evaluates a copy of the model.
public func assertParameterGradients<Group: ParameterGroup>(_ label: String, model: Group, gradients: Group, samples: Int = 16,
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
