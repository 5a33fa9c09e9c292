import Tensors
import XCTest

final class TensorTests: XCTestCase {
    func testShapeIndexingAndReshape() {
        var t = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t[1, 2], 6)
        t[0, 1] = 9
        XCTAssertEqual(t.values, [1, 9, 3, 4, 5, 6])
        XCTAssertEqual(t.reshaped([3, -1]).shape, [3, 2])
        XCTAssertEqual(t.reshaped([6]).values, t.values)
        XCTAssertEqual([t.rows, t.columns], [2, 3])
    }

    func testMaxAbsoluteDifferenceDoesNotHideNaN() {
        let a = Tensor(shape: [3], values: [1, 2, 3])
        XCTAssertEqual(a.maxAbsoluteDifference(Tensor(shape: [3], values: [1, 2.5, 3])), 0.5)
        XCTAssertTrue(a.maxAbsoluteDifference(Tensor(shape: [3], values: [.nan, 2, 3])).isNaN)
    }

    func testSeededRandomIsDeterministicWithSensibleMoments() {
        var first = SeededRandom(seed: 7), second = SeededRandom(seed: 7)
        let a = Tensor.normal(shape: [20_000], mean: 1, standardDeviation: 2, using: &first)
        let b = Tensor.normal(shape: [20_000], mean: 1, standardDeviation: 2, using: &second)
        XCTAssertEqual(a, b)
        let mean = a.values.reduce(0, +) / Float(a.count)
        let variance = a.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(a.count)
        XCTAssertEqual(mean, 1, accuracy: 0.05)
        XCTAssertEqual(variance.squareRoot(), 2, accuracy: 0.05)

        var generator = SeededRandom(seed: 8)
        let u = Tensor.uniform(shape: [20_000], lower: -1, upper: 3, using: &generator)
        XCTAssertTrue(u.values.allSatisfy { $0 >= -1 && $0 < 3 })
        XCTAssertEqual(u.values.reduce(0, +) / Float(u.count), 1, accuracy: 0.05)
        XCTAssertNotEqual(SeededRandom.derive(1, stream: 0), SeededRandom.derive(1, stream: 1))
    }

    func testParameterGroupNamesAndZeroGradients() {
        var initializer = WeightInitializer.normal(seed: 1)
        let linear = Linear(inputSize: 3, outputSize: 2, initializer: &initializer)
        XCTAssertEqual(linear.parameters.map(\.name), ["weight", "bias"])
        XCTAssertEqual(linear.parameterCount, 8)
        let zeros = linear.zeroGradients()
        XCTAssertEqual(zeros.weight, Tensor(zeros: [2, 3]))
        XCTAssertEqual(zeros.bias, Tensor(zeros: [2]))
        XCTAssertEqual(Linear(weight: linear.weight, bias: nil).parameters.map(\.name), ["weight"])
    }
}
