import GradientTestSupport
import Foundation
import Tensors
import XCTest

/// The CRF against brute-force enumeration of every path, finite differences, and its own
/// invariants (padding, constraints, ties).
final class CRFTests: XCTestCase {
    private let tagNames = ["O", "B-A", "I-A", "B-B", "I-B"]
    /// Lengths 4, 2 and 1 in a batch padded to 4.
    private let mask = [1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0]
    private let tags = [1, 2, 0, 3, 3, 4, 0, 0, 3, 0, 0, 0]  // valid BIO, so finite under the constraints too

    private func randomCRF(constrained: Bool = false, seed: UInt64 = 11) -> CRF {
        CRF(startTransitions: randomTensor([5], seed: seed), endTransitions: randomTensor([5], seed: seed + 1),
            transitions: randomTensor([5, 5], seed: seed + 2),
            constraints: constrained ? .bio(tags: tagNames) : nil)
    }

    private var emissions: Tensor { randomTensor([3, 4, 5], seed: 21, scale: 2) }

    /// Every path of `length` over `tagCount` tags.
    private func allPaths(length: Int, tagCount: Int) -> [[Int]] {
        (0..<length).reduce([[]]) { paths, _ in paths.flatMap { path in (0..<tagCount).map { path + [$0] } } }
    }

    /// A one-sequence batch holding `path` of sequence `b` with its emissions, to score it alone.
    private func score(_ crf: CRF, _ e: Tensor, sequence b: Int, path: [Int]) -> Double {
        let (length, t) = (e.shape[1], e.shape[2])
        let row = Tensor(shape: [1, length, t], values: Array(e.values[(b * length * t)..<((b + 1) * length * t)]))
        let padded = path + Array(repeating: 0, count: length - path.count)
        let rowMask = Array(repeating: 1, count: path.count) + Array(repeating: 0, count: length - path.count)
        return Double(crf.score(row, tags: padded, mask: rowMask)[0])
    }

    func testMatchesBruteForceEnumeration() {
        for constrained in [false, true] {
            let crf = randomCRF(constrained: constrained), e = emissions
            let posterior = crf.posterior(e, mask: mask)
            let (paths, scores) = crf.decode(e, mask: mask)
            for (b, n) in [4, 2, 1].enumerated() {
                let candidates = allPaths(length: n, tagCount: 5).map { ($0, score(crf, e, sequence: b, path: $0)) }
                let maximum = candidates.map(\.1).max()!
                let logZ = maximum + log(candidates.reduce(0) { $0 + exp($1.1 - maximum) })
                XCTAssertEqual(Double(posterior.logPartition[b]), logZ, accuracy: 1e-5, "constrained \(constrained), sequence \(b)")
                let best = candidates.first { $0.1 == maximum }!
                XCTAssertEqual(paths[b], best.0, "constrained \(constrained), sequence \(b)")
                XCTAssertEqual(Double(scores[b]), maximum, accuracy: 1e-5)
                for step in 0..<n {
                    for k in 0..<5 {
                        let p = candidates.filter { $0.0[step] == k }.reduce(0) { $0 + exp($1.1 - logZ) }
                        XCTAssertEqual(Double(posterior.marginals[b, step, k]), p, accuracy: 1e-6)
                    }
                }
            }
        }
    }

    func testConstrainedPathsExcludeForbiddenTransitions() {
        let crf = randomCRF(constrained: true)
        let posterior = crf.posterior(emissions, mask: mask)
        let constraints = crf.constraints!
        for b in 0..<3 {
            for k in [2, 4] { XCTAssertEqual(posterior.marginals[b, 0, k], 0, "I-X never starts a path") }
            for i in 0..<5 { for j in 0..<5 where !constraints.allowed[i * 5 + j] {
                XCTAssertEqual(posterior.expectedTransitions[b, i, j], 0)
            } }
        }
        XCTAssertTrue(constraints.permits([0, 1, 2, 2, 0, 3, 4]))
        XCTAssertFalse(constraints.permits([0, 2]), "O → I-A")
        XCTAssertFalse(constraints.permits([1, 4]), "B-A → I-B")
        XCTAssertFalse(constraints.permits([2]), "I-A at the start")
        let forbidden = [2, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0]  // sequence 0 starts with I-A, sequence 1 takes O → I-B
        let logLikelihood = crf.logLikelihood(emissions, tags: forbidden, mask: mask).output
        XCTAssertEqual(logLikelihood[0], -.infinity)
        XCTAssertEqual(logLikelihood[1], -.infinity)
        XCTAssertTrue(logLikelihood[2].isFinite)
    }

    func testPaddingIsIgnored() {
        let crf = randomCRF()
        var noisy = emissions
        for b in 0..<3 { for step in 0..<4 where mask[b * 4 + step] == 0 { for k in 0..<5 { noisy[b, step, k] = 1000 } } }
        XCTAssertEqual(crf.logLikelihood(noisy, tags: tags, mask: mask).output, crf.logLikelihood(emissions, tags: tags, mask: mask).output)
        XCTAssertEqual(crf.decode(noisy, mask: mask).paths, crf.decode(emissions, mask: mask).paths)
        let (output, posterior) = crf.logLikelihood(noisy, tags: tags, mask: mask)
        var gradients = crf.zeroGradients()
        let dE = crf.logLikelihoodBackward(Tensor(shape: output.shape, repeating: 1), tags: tags, mask: mask,
                                           posterior: posterior, gradients: &gradients)
        for b in 0..<3 { for step in 0..<4 where mask[b * 4 + step] == 0 { for k in 0..<5 {
            XCTAssertEqual(dE[b, step, k], 0)
            XCTAssertEqual(posterior.marginals[b, step, k], 0)
        } } }
    }

    func testTiesGoToTheLowestTag() {
        let crf = CRF(startTransitions: Tensor(zeros: [5]), endTransitions: Tensor(zeros: [5]), transitions: Tensor(zeros: [5, 5]))
        XCTAssertEqual(crf.decode(Tensor(zeros: [3, 4, 5]), mask: mask).paths, [[0, 0, 0, 0], [0, 0], [0]])
    }

    func testGradientsMatchFiniteDifferences() {
        for constrained in [false, true] {
            let crf = randomCRF(constrained: constrained), e = emissions
            let weights = randomTensor([3], seed: 31)
            let (_, posterior) = crf.logLikelihood(e, tags: tags, mask: mask)
            var gradients = crf.zeroGradients()
            let dE = crf.logLikelihoodBackward(weights, tags: tags, mask: mask, posterior: posterior, gradients: &gradients)
            let label = constrained ? "crf (BIO)" : "crf"
            assertGradient("\(label) emissions", analytic: dE, at: e) { probe in
                GradientCheck.weightedSum(crf.logLikelihood(probe, tags: self.tags, mask: self.mask).output, weights)
            }
            assertParameterGradients(label, model: crf, gradients: gradients, samples: 25) { model in
                GradientCheck.weightedSum(model.logLikelihood(e, tags: self.tags, mask: self.mask).output, weights)
            }
        }
    }

    func testNewCRFIsSmallAndNamedAsPytorchCRF() {
        var generator = SeededRandom(seed: 1)
        let crf = CRF(tagCount: 9, generator: &generator)
        XCTAssertEqual(crf.parameters.map(\.name), ["start_transitions", "end_transitions", "transitions"])
        XCTAssertEqual(crf.parameterCount, 9 + 9 + 81)
        for parameter in crf.parameters { XCTAssertTrue(crf[keyPath: parameter.path].values.allSatisfy { abs($0) <= 0.1 }) }
    }
}
