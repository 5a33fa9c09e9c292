import Foundation
@testable import Tensors
import XCTest

/// The vectorisable exp, erf and tanh against libm on dense grids.
final class FastMathTests: XCTestCase {
    private func grid(_ lower: Float, _ upper: Float, count: Int = 200_001) -> [Float] {
        (0..<count).map { lower + (upper - lower) * Float($0) / Float(count - 1) }
    }

    func testExpWithinTwoUlpAndExactZeroForMaskedLogits() {
        var worst: Float = 0
        for x in grid(-87, 88.3) {
            let want = Foundation.exp(Double(x))
            worst = max(worst, Float(abs(Double(FastMath.exp(x)) - want) / want))
        }
        XCTAssertLessThan(worst, 2.4e-7, "relative error (2 ulp = 2.4e-7)")
        XCTAssertEqual(FastMath.exp(-.infinity), 0)
        XCTAssertEqual(FastMath.exp(-100), 0)
        XCTAssertEqual(FastMath.exp(0), 1)
        XCTAssertEqual(FastMath.exp(.infinity), .infinity)
    }

    func testErfAndTanhWithinOneMillionth() {
        var erfError: Double = 0, tanhError: Double = 0
        for x in grid(-6, 6) {
            erfError = max(erfError, abs(Double(FastMath.erf(x)) - Foundation.erf(Double(x))))
            tanhError = max(tanhError, abs(Double(FastMath.tanh(x)) - Foundation.tanh(Double(x))))
        }
        XCTAssertLessThan(erfError, 1e-6)
        XCTAssertLessThan(tanhError, 3e-7)
        XCTAssertEqual(FastMath.tanh(20), 1)
        XCTAssertEqual(FastMath.tanh(-20), -1)
        print("fast math: erf max abs error \(erfError), tanh max abs error \(tanhError)")
    }
}
