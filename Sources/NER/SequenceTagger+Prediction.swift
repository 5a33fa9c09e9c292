import Tensors
import Tokenizers

extension SequenceTagger {
    /// The best sub-word tag path of each post (Viterbi over every scored position), without dropout.
    public func decode(_ batch: TaggingBatch) -> [[Int]] {
        crf.decode(emissions(batch), mask: batch.scoredMask).paths
    }

    /// Word-level tags of `posts` (`labels[id]` strings), decoded `batchSize` posts at a time.
    public func predictWordTags(_ posts: [MNERPost], tokenizer: WordPieceTokenizer, labels: [String],
                                batchSize: Int, features: TaggerFeatures = .textOnly) -> [[String]] {
        var result: [[String]] = []
        for start in stride(from: 0, to: posts.count, by: batchSize) {
            let batch = features.batch(Array(posts[start..<min(posts.count, start + batchSize)]), tokenizer: tokenizer,
                                       maxLength: encoder.config.maxPositionEmbeddings)
            for (path, encoding) in zip(decode(batch), batch.encodings) {
                result.append(WordTags.fromSubwordPath(path, encoding: encoding).map { labels[$0] })
            }
        }
        return result
    }
}

/// Word-level tags from a sub-word path.
public enum WordTags {
    /// Each word takes the tag of its first sub-token; a word without sub-tokens (erased by
    /// normalisation or cut by truncation) gets O (id 0).
    public static func fromSubwordPath(_ path: [Int], encoding: Encoding) -> [Int] {
        encoding.firstTokenIndices.map { index in index.flatMap { $0 < path.count ? path[$0] : nil } ?? 0 }
    }
}
