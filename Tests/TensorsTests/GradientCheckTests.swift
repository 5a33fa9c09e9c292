import GradientTestSupport
import Tensors
import XCTest

/// The checker itself: it must reject wrong gradients, or the op tests prove nothing.
final class GradientCheckTests: XCTestCase {
    private let sum = GradientCheck.weightedSum

    func testExactGradientOfAQuadraticPasses() {
        let x = randomTensor([10], seed: 1)
        // L = Σ x² has gradient 2x; central differences are exact for quadratics up to rounding.
        let result = GradientCheck.compare(analytic: Multiply.forward(x, Tensor(shape: [10], repeating: 2)),
                                           loss: { self.sum($0, $0) }, at: x)
        XCTAssertLessThan(result.relativeError, 1e-4)
        XCTAssertEqual(result.checkedCount, 10)
    }

    func testGradientOffByFivePercentFails() {
        let x = randomTensor([4, 6], seed: 2)
        let w = randomTensor([4, 6], seed: 3)
        var wrong = Softmax.backward(w, output: Softmax.forward(x))
        wrong.withUnsafeMutableBufferPointer { for i in 0..<$0.count { $0[i] *= 1.05 } }
        let result = GradientCheck.compare(analytic: wrong, loss: { self.sum(Softmax.forward($0), w) }, at: x)
        XCTAssertFalse(result.agrees(), "a 5% error must fail the 1e-2 criterion: \(result)")
    }

    func testForgottenTemperatureFails() {
        let x = randomTensor([3, 5], seed: 4)
        let w = randomTensor([3, 5], seed: 5)
        let y = Softmax.forward(x, temperature: 2)
        let forgotten = Softmax.backward(w, output: y, temperature: 1)
        let result = GradientCheck.compare(analytic: forgotten, loss: { self.sum(Softmax.forward($0, temperature: 2), w) }, at: x)
        XCTAssertGreaterThan(result.relativeError, 0.4, "the gradient is off by the factor τ = 2")
    }

    func testGradientForAnIgnoredInputFails() {
        let x = randomTensor([6], seed: 8)
        let result = GradientCheck.compare(analytic: randomTensor([6], seed: 9), loss: { _ in 1 }, at: x)
        XCTAssertFalse(result.agrees(), "a non-zero gradient where the loss does not depend on x: \(result)")
        XCTAssertTrue(GradientCheck.compare(analytic: Tensor(zeros: [6]), loss: { _ in 1 }, at: x).agrees())
    }

    func testOneWrongEntryFails() {
        let x = randomTensor([8], seed: 6)
        let w = randomTensor([8], seed: 7)
        var wrong = Activation.tanh.backward(w, input: x)
        wrong.withUnsafeMutableBufferPointer { $0[3] = -$0[3] }
        let result = GradientCheck.compare(analytic: wrong, loss: { self.sum(Activation.tanh.forward($0), w) }, at: x)
        XCTAssertFalse(result.agrees(), "\(result)")
    }
}
