import BLAS
import Dispatch

/// Batches of posts tagged several at a time, each on its own thread with its share of the
/// OpenBLAS threads. On two cores, two batches of 32 with one OpenBLAS thread each tag 7–12% more
/// posts per second than one batch on two threads (bench tagger, ner tag): a batch's matrices are
/// small enough that OpenBLAS's second thread waits part of the time, and the attention,
/// activation and CRF work between its calls runs on one core.
struct TaggingStreams {
    /// Batches in flight at once.
    let streams: Int
    /// The OpenBLAS threads in all; each stream gets `threads / streams` (at least 1).
    let threads: Int

    /// Calls `tag` on every batch, up to `streams` at once, and `deliver` with each batch's result
    /// in batch order (a round of `streams` batches at a time). `tag` must be safe to run on several
    /// threads at once (the tagger is read-only while it tags). OpenBLAS's thread count is
    /// process-wide: it is `threads / streams` during the call and `threads` after it.
    func run<Result>(_ batches: [Range<Int>], tag: (Range<Int>) -> Result,
                     deliver: (Range<Int>, Result) throws -> Void) rethrows {
        let width = max(1, min(streams, batches.count))
        BLAS.threads = max(1, threads / width)
        defer { BLAS.threads = threads }
        for round in stride(from: 0, to: batches.count, by: width) {
            let members = Array(batches[round..<min(batches.count, round + width)])
            for (batch, result) in zip(members, Self.concurrently(members, tag)) { try deliver(batch, result) }
        }
    }

    /// `body` of each batch, the batches on threads of their own, the results in order.
    private static func concurrently<Result>(_ batches: [Range<Int>], _ body: (Range<Int>) -> Result) -> [Result] {
        guard batches.count > 1 else { return batches.map(body) }
        var results = [Result?](repeating: nil, count: batches.count)
        results.withUnsafeMutableBufferPointer { slots in
            withoutActuallyEscaping(body) { body in
                // Each iteration writes its own slot only.
                let shared = Shared(body: body, slots: slots)
                DispatchQueue.concurrentPerform(iterations: batches.count) { index in
                    shared.slots[index] = shared.body(batches[index])
                }
            }
        }
        return results.map { $0! }
    }

    private struct Shared<Result>: @unchecked Sendable {
        let body: (Range<Int>) -> Result
        let slots: UnsafeMutableBufferPointer<Result?>
    }
}
