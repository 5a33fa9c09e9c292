import NER
import XCTest

final class LengthBucketsTests: XCTestCase {
    func testEveryPostOnceInBatchesOfSimilarLength() {
        let lengths = (0..<100).map { ($0 * 37) % 23 }
        let batches = LengthBuckets.batches(lengths: lengths, batchSize: 8, seed: 1, chunkBatches: 100)
        XCTAssertEqual(batches.flatMap { $0 }.sorted(), Array(0..<100))
        XCTAssertEqual(batches, LengthBuckets.batches(lengths: lengths, batchSize: 8, seed: 1, chunkBatches: 100))
        XCTAssertNotEqual(batches, LengthBuckets.batches(lengths: lengths, batchSize: 8, seed: 2, chunkBatches: 100))
        for batch in batches { XCTAssertLessThanOrEqual(batch.map { lengths[$0] }.max()! - batch.map { lengths[$0] }.min()!, 3) }
    }
}
