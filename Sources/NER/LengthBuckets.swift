import Tensors

/// Training batches of posts of similar length, so little padding is computed: the posts are
/// shuffled, cut into chunks of `chunkBatches` batches, sorted by length within each chunk and
/// cut into batches, and the batches' order is shuffled, all by `seed`.
public enum LengthBuckets {
    /// Batches of indexes into `lengths`; every index appears once.
    public static func batches(lengths: [Int], batchSize: Int, seed: UInt64, chunkBatches: Int = 50) -> [[Int]] {
        precondition(batchSize > 0, "LengthBuckets: batch size \(batchSize)")
        var random = SeededRandom(seed: seed)
        let shuffled = Array(lengths.indices).shuffled(using: &random)
        let chunkSize = batchSize * chunkBatches
        var result: [[Int]] = []
        for chunkStart in stride(from: 0, to: shuffled.count, by: chunkSize) {
            let chunk = shuffled[chunkStart..<min(shuffled.count, chunkStart + chunkSize)].sorted { lengths[$0] < lengths[$1] }
            for start in stride(from: 0, to: chunk.count, by: batchSize) {
                result.append(Array(chunk[start..<min(chunk.count, start + batchSize)]))
            }
        }
        return result.shuffled(using: &random)
    }
}
