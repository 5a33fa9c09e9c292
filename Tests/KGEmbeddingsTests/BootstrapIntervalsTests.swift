import XCTest
@testable import KGEmbeddings

final class BootstrapIntervalsTests: XCTestCase {
    /// An evaluation whose triple i has the given tail and head ranks (no ties).
    func result(_ ranks: [(tail: Int, head: Int)]) -> EvaluationResult {
        var records: [RankRecord] = []
        for (i, pair) in ranks.enumerated() {
            let triple = Triple(Int32(i), 0, Int32(i + 1))
            for (side, rank) in [(RankSide.tail, pair.tail), (.head, pair.head)] {
                records.append(RankRecord(triple: triple, side: side, targetScore: 0, better: rank - 1, equal: 0,
                                          rawBetter: rank - 1, rawEqual: 0))
            }
        }
        return EvaluationResult(records: records)
    }

    func testATripleKeepsBothRanksSoPairedHitsDoNotVary() {
        // Every triple has one hit and one miss at 10: any resample of triples has Hits@10 = 0.5,
        // which resampling single ranks would not give.
        let intervals = result(Array(repeating: (1, 100), count: 200)).bootstrapIntervals(resamples: 200)
        XCTAssertEqual(intervals.hitsAt10, 0.5...0.5)
        XCTAssertEqual(intervals.hitsAt1, 0.5...0.5)
        XCTAssertEqual(intervals.meanReciprocalRank.lowerBound, (1 + 0.01) / 2, accuracy: 1e-12)
        XCTAssertEqual(intervals.meanReciprocalRank.upperBound, (1 + 0.01) / 2, accuracy: 1e-12)
    }

    func testIntervalsCoverTheEstimateAndNarrowWithMoreTriples() {
        // Ranks 1…20 on both sides: Hits@10 = 0.5 with a binomial-like spread.
        let ranks = (0..<200).map { (tail: $0 % 20 + 1, head: ($0 * 7) % 20 + 1) }
        let small = result(ranks)
        let metrics = small.metrics()
        let intervals = small.bootstrapIntervals(resamples: 2000)
        XCTAssertTrue(intervals.meanReciprocalRank.contains(metrics.meanReciprocalRank))
        XCTAssertTrue(intervals.hitsAt10.contains(metrics.hitsAt10))
        XCTAssertTrue(intervals.hitsAt3.contains(metrics.hitsAt3))
        XCTAssertGreaterThan(intervals.hitsAt10.upperBound - intervals.hitsAt10.lowerBound, 0.05)
        // Sixteen times the triples: about a quarter of the width.
        let large = result(Array(repeating: ranks, count: 16).flatMap { $0 }).bootstrapIntervals(resamples: 2000)
        let ratio = (large.hitsAt10.upperBound - large.hitsAt10.lowerBound) / (intervals.hitsAt10.upperBound - intervals.hitsAt10.lowerBound)
        XCTAssertEqual(ratio, 0.25, accuracy: 0.06)
    }

    func testDeterministicForASeedAndOneSideOnly() {
        let evaluation = result((0..<100).map { (tail: $0 % 5 + 1, head: $0 % 30 + 1) })
        XCTAssertEqual(evaluation.bootstrapIntervals(resamples: 300, seed: 3), evaluation.bootstrapIntervals(resamples: 300, seed: 3))
        XCTAssertNotEqual(evaluation.bootstrapIntervals(resamples: 300, seed: 3), evaluation.bootstrapIntervals(resamples: 300, seed: 4))
        // Tail ranks are 1…5: every tail query is a hit at 10, in every resample.
        XCTAssertEqual(evaluation.bootstrapIntervals(side: .tail, resamples: 300).hitsAt10, 1...1)
        XCTAssertLessThan(evaluation.bootstrapIntervals(side: .head, resamples: 300).hitsAt10.upperBound, 1)
    }
}
