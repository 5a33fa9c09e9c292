import GradientTestSupport
import Foundation
import Tensors
import XCTest

/// Span marginals against brute-force enumeration of every path of small random CRFs.
final class CRFSpanMarginalTests: XCTestCase {
    private let tagNames = ["O", "B-A", "I-A", "B-B", "I-B"]
    /// Lengths 5, 3 and 1 in a batch padded to 5.
    private let lengths = [5, 3, 1]
    private var mask: [Int] { lengths.flatMap { Array(repeating: 1, count: $0) + Array(repeating: 0, count: 5 - $0) } }

    private func randomCRF(constrained: Bool, seed: UInt64) -> CRF {
        CRF(startTransitions: randomTensor([5], seed: seed), endTransitions: randomTensor([5], seed: seed + 1),
            transitions: randomTensor([5, 5], seed: seed + 2),
            constraints: constrained ? .bio(tags: tagNames) : nil)
    }

    /// Every path of `length` over 5 tags, with its score in double precision, written out
    /// independently of the CRF's own scoring.
    private func scoredPaths(_ crf: CRF, _ e: Tensor, sequence b: Int, length: Int) -> [(path: [Int], score: Double)] {
        let paths = (0..<length).reduce([[Int]]([[]])) { paths, _ in paths.flatMap { path in (0..<5).map { path + [$0] } } }
        return paths.map { path in
            var score = Double(crf.startTransitions[path[0]]) + Double(crf.endTransitions[path[length - 1]])
            if let constraints = crf.constraints, !constraints.permits(path) { score = -.infinity }
            for (step, tag) in path.enumerated() {
                score += Double(e[b, step, tag])
                if step > 0 { score += Double(crf.transitions[path[step - 1], tag]) }
            }
            return (path, score)
        }
    }

    /// Every span of every sequence: each start and length, each tag sequence B-x I-x … and a few
    /// arbitrary ones, with and without a forbidden successor.
    private func queries(length n: Int) -> [CRF.SpanQuery] {
        var result: [CRF.SpanQuery] = []
        for start in 0..<n {
            for end in (start + 1)...n {
                let count = end - start
                for (begin, inside) in [(1, 2), (3, 4)] {
                    let tags = [begin] + Array(repeating: inside, count: count - 1)
                    result.append(CRF.SpanQuery(start: start, tags: tags, notFollowedBy: [inside]))
                    result.append(CRF.SpanQuery(start: start, tags: tags))
                }
                result.append(CRF.SpanQuery(start: start, tags: (0..<count).map { ($0 * 3 + start) % 5 }, notFollowedBy: [0, 2]))
                result.append(CRF.SpanQuery(start: start, tags: Array(repeating: 2, count: count), notFollowedBy: [2]))
            }
        }
        return result
    }

    func testSpanMarginalsMatchBruteForceEnumeration() {
        for constrained in [false, true] {
            for seed: UInt64 in [3, 40] {
                let crf = randomCRF(constrained: constrained, seed: seed)
                let e = randomTensor([3, 5, 5], seed: seed + 10, scale: 2)
                let asked = lengths.map { queries(length: $0) }
                let marginals = crf.spanMarginals(e, mask: mask, queries: asked)
                for (b, n) in lengths.enumerated() {
                    let paths = scoredPaths(crf, e, sequence: b, length: n)
                    let maximum = paths.map(\.score).max()!
                    let logZ = maximum + log(paths.reduce(0) { $0 + exp($1.score - maximum) })
                    for (query, marginal) in zip(asked[b], marginals[b]) {
                        let expected = paths.filter { candidate in
                            Array(candidate.path[query.start..<query.end]) == query.tags
                                && (query.end == n || !query.notFollowedBy.contains(candidate.path[query.end]))
                        }.reduce(0) { $0 + exp($1.score - logZ) }
                        XCTAssertEqual(Double(marginal), expected, accuracy: 1e-5,
                                       "constrained \(constrained), seed \(seed), sequence \(b), \(query)")
                    }
                }
            }
        }
    }

    /// Adding a constant to every transition adds it to every path once per step, so no
    /// probability moves: the recursions stay finite even where exp(transition) overflows.
    func testHugeTransitionPotentialsLeaveProbabilitiesFinite() {
        let crf = randomCRF(constrained: true, seed: 5)
        var shifted = crf
        shifted.transitions = Tensor(shape: [5, 5], values: crf.transitions.values.map { $0 + 800 })
        let e = randomTensor([3, 5, 5], seed: 6, scale: 2)
        let asked = lengths.map { queries(length: $0) }
        for (expected, actual) in zip(crf.spanMarginals(e, mask: mask, queries: asked), shifted.spanMarginals(e, mask: mask, queries: asked)) {
            for (p, q) in zip(expected, actual) { XCTAssertEqual(q, p, accuracy: 1e-5) }
        }
        let (plain, moved) = (crf.posterior(e, mask: mask), shifted.posterior(e, mask: mask))
        XCTAssertLessThan(plain.marginals.maxAbsoluteDifference(moved.marginals), 1e-5)
        for (b, n) in lengths.enumerated() {
            XCTAssertEqual(moved.logPartition[b], plain.logPartition[b] + Float(800 * (n - 1)), accuracy: 1e-2)
        }
    }

    /// A one-position span without a successor condition is the position's marginal; a span that
    /// starts with I-A is impossible under the BIO constraints, and one that starts the sequence
    /// too, so those are exactly 0.
    func testAgreesWithPositionMarginalsAndIsZeroForForbiddenSpans() {
        let crf = randomCRF(constrained: true, seed: 7)
        let e = randomTensor([3, 5, 5], seed: 8, scale: 2)
        let posterior = crf.posterior(e, mask: mask)
        let single = lengths.map { n in (0..<n).flatMap { step in (0..<5).map { CRF.SpanQuery(start: step, tags: [$0]) } } }
        for (b, values) in crf.spanMarginals(e, mask: mask, queries: single).enumerated() {
            for (query, value) in zip(single[b], values) {
                XCTAssertEqual(value, posterior.marginals[b, query.start, query.tags[0]], accuracy: 1e-6)
            }
        }
        let forbidden = [[CRF.SpanQuery(start: 0, tags: [2, 2]), CRF.SpanQuery(start: 1, tags: [0, 2])], [], []]
        XCTAssertEqual(crf.spanMarginals(e, mask: mask, queries: forbidden)[0], [0, 0])
    }
}
