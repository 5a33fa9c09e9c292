import Tensors
import Tokenizers

/// A post's words cut into overlapping windows that each fit the encoder, and the spans of the
/// windows merged back into the post's.
///
/// Windows hold whole words, at most `capacity` sub-words each (a single word longer than that
/// gets a window of its own, which the tokenizer truncates). Consecutive windows overlap by up
/// to half a window, and each window's *core* runs from the middle of its overlap with the
/// previous window to the middle of its overlap with the next: a span is taken from the window
/// whose core holds its first word, so every word is judged with as much context on both sides
/// as the windows give (the centre of each window wins).
public struct PostWindows: Sendable, Equatable {
    public struct Window: Sendable, Equatable {
        /// The words the window holds.
        public let words: Range<Int>
        /// The words whose spans this window decides; the cores tile the post.
        public let core: Range<Int>
    }

    public let windows: [Window]

    /// - Parameters:
    ///   - subwordCounts: the sub-words of each word (0 for a word normalisation erases).
    ///   - capacity: the sub-words a window may hold (the encoder's positions minus `[CLS]` and `[SEP]`).
    public init(subwordCounts: [Int], capacity: Int) {
        precondition(capacity > 0, "PostWindows: a window must hold at least one sub-word")
        var spans: [Range<Int>] = []
        var start = 0
        while start < subwordCounts.count {
            var end = start, used = 0
            while end < subwordCounts.count && (end == start || used + subwordCounts[end] <= capacity) {
                used += subwordCounts[end]
                end += 1
            }
            spans.append(start..<end)
            guard end < subwordCounts.count else { break }
            // Back off from the end while the overlap stays within half a window, always moving on.
            var next = end, overlap = 0
            while next - 1 > start && overlap + subwordCounts[next - 1] <= capacity / 2 {
                next -= 1
                overlap += subwordCounts[next]
            }
            start = next
        }
        let cuts = zip(spans, spans.dropFirst()).map { ($1.lowerBound + $0.upperBound) / 2 }
        let bounds = [0] + cuts + [subwordCounts.count]
        windows = spans.indices.map { Window(words: spans[$0], core: bounds[$0]..<bounds[$0 + 1]) }
    }

    /// The post's spans from each window's spans (`spans[i]` for `windows[i]`, word ranges
    /// already counted in the post): those whose first word lies in the window's core, in
    /// order, a span that would overlap the one kept before it left out.
    public func merge(_ spans: [[TaggedSpan]]) -> [TaggedSpan] {
        precondition(spans.count == windows.count, "PostWindows.merge: spans of \(spans.count) windows for \(windows.count)")
        var merged: [TaggedSpan] = []
        for (window, candidates) in zip(windows, spans) {
            for span in candidates where window.core.contains(span.words.lowerBound) {
                if let last = merged.last, span.words.lowerBound < last.words.upperBound { continue }
                merged.append(span)
            }
        }
        return merged
    }
}

/// A post and the entities found in it.
public struct TaggedPost: Sendable {
    public let post: PostText
    public let spans: [TaggedSpan]
    /// The windows the post was cut into: 1 when it fits the encoder, 0 for a post without words.
    public let windowCount: Int
}

/// Tagging posts of any length: each post's words in windows that fit the encoder, every window
/// decoded (Viterbi) and its chunks scored by the CRF, the windows merged.
public enum SpanTagging {
    /// A batch's attention scores (heads·L² per window of L sub-words) stay within those of this
    /// many full windows, beside the limit of `batchSize` windows: 32 windows of MiniLM's 512
    /// positions took 400 MB a layer; 2 take 25 MB, under the size glibc maps afresh for every
    /// allocation (``AllocatorTuning``), so the memory is reused instead of page-faulted again.
    /// Posts of social-media length (a few dozen sub-words) still go 32 at a time.
    public static let fullWindowsPerBatch = 2

    /// - Parameters:
    ///   - maxLength: the encoder's positions (sub-words with `[CLS]` and `[SEP]`).
    ///   - labels: the tag names, index = label id.
    ///   - crf: the tagger's CRF, with whatever constraints its decoding uses.
    ///   - batchSize: the most windows run through the encoder at a time (fewer when their
    ///     attention would outgrow ``fullWindowsPerBatch`` full windows').
    ///   - features: the tagger's other inputs, attached to each window's batch.
    ///   - imageIDs: each post's key in `features.imageTokens` (every window of a post sees its image).
    ///   - emissions: the tagger's emission scores `[B, T, tags]` of a batch, without dropout.
    public static func tag(_ posts: [PostText], tokenizer: WordPieceTokenizer, maxLength: Int, labels: [String], crf: CRF,
                           batchSize: Int, features: TaggerFeatures = .textOnly, imageIDs: [String]? = nil,
                           emissions: (TaggingBatch) -> Tensor) -> [TaggedPost] {
        precondition(batchSize > 0, "SpanTagging: batch size must be positive")
        precondition(imageIDs.map { $0.count == posts.count } ?? true, "SpanTagging: \(imageIDs!.count) image ids for \(posts.count) posts")
        let counts = posts.map { tokenizer.encode(words: $0.words, addSpecialTokens: false).wordTokenRanges.map(\.count) }
        let plans = counts.map { PostWindows(subwordCounts: $0, capacity: maxLength - 2) }
        let items = plans.enumerated().flatMap { post, plan in
            plan.windows.indices.map { window in
                // The window's sub-words as the tokenizer will give them: [CLS] and [SEP] added, cut at maxLength.
                (post: post, window: window, subwords: min(maxLength, counts[post][plan.windows[window].words].reduce(2, +)))
            }
        }
        var windowSpans = plans.map { plan in [[TaggedSpan]](repeating: [], count: plan.windows.count) }
        var start = 0
        while start < items.count {
            // Attention scores per head: L² per window.
            var end = start + 1, attention = items[start].subwords * items[start].subwords
            while end < items.count, end - start < batchSize,
                  attention + items[end].subwords * items[end].subwords <= fullWindowsPerBatch * maxLength * maxLength {
                attention += items[end].subwords * items[end].subwords
                end += 1
            }
            let members = items[start..<end]
            start = end
            let windows = members.map { plans[$0.post].windows[$0.window].words }
            let batch = features.batch(zip(members, windows).map { member, words in
                let words = Array(posts[member.post].words[words])
                return MNERPost(imageID: imageIDs?[member.post] ?? "", words: words, tags: Array(repeating: "O", count: words.count))
            }, tokenizer: tokenizer, maxLength: maxLength)
            let scores = emissions(batch)
            let paths = crf.decode(scores, mask: batch.scoredMask).paths
            let chunks = zip(paths, batch.encodings).map { DecodedChunk.chunks(of: $0, encoding: $1, labels: labels) }
            let confidences = crf.spanMarginals(scores, mask: batch.scoredMask, queries: chunks.map { $0.map(\.query) })
            for (index, member) in members.enumerated() {
                let post = posts[member.post], offset = windows[index].lowerBound
                windowSpans[member.post][member.window] = zip(chunks[index], confidences[index]).map { decoded, confidence in
                    TaggedSpan(type: decoded.chunk.type, words: (decoded.chunk.start + offset)..<(decoded.chunk.end + offset),
                               in: post, confidence: confidence)
                }
            }
        }
        return posts.indices.map { index in
            TaggedPost(post: posts[index], spans: plans[index].merge(windowSpans[index]), windowCount: plans[index].windows.count)
        }
    }
}

extension SequenceTagger {
    /// The entities of `posts` with their confidences, ``SpanTagging`` over this tagger.
    public func tagSpans(_ posts: [PostText], tokenizer: WordPieceTokenizer, labels: [String], batchSize: Int,
                         features: TaggerFeatures = .textOnly, imageIDs: [String]? = nil) -> [TaggedPost] {
        SpanTagging.tag(posts, tokenizer: tokenizer, maxLength: encoder.config.maxPositionEmbeddings, labels: labels, crf: crf,
                        batchSize: batchSize, features: features, imageIDs: imageIDs, emissions: emissions)
    }
}
