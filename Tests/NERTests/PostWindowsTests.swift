import NER
import Tensors
import Tokenizers
import XCTest

final class PostWindowsTests: XCTestCase {
    private let labels = MNERDataset.tags
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "zimmer", "##man", "got", "paris",
    ]))

    /// Checks what every plan must satisfy: windows fit, each moves on, the cores tile the post
    /// in order and each lies in its window.
    private func assertWellFormed(_ plan: PostWindows, counts: [Int], capacity: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(plan.windows.first?.core.lowerBound ?? 0, 0, file: file, line: line)
        XCTAssertEqual(plan.windows.last?.core.upperBound ?? 0, counts.count, file: file, line: line)
        for (window, next) in zip(plan.windows, plan.windows.dropFirst()) {
            XCTAssertEqual(window.core.upperBound, next.core.lowerBound, file: file, line: line)
            XCTAssertLessThan(window.words.lowerBound, next.words.lowerBound, file: file, line: line)
            XCTAssertGreaterThanOrEqual(window.words.upperBound, next.words.lowerBound, "windows leave no gap", file: file, line: line)
        }
        for window in plan.windows {
            XCTAssertTrue(window.words.lowerBound <= window.core.lowerBound && window.core.upperBound <= window.words.upperBound,
                          "\(window)", file: file, line: line)
            XCTAssertTrue(window.words.count == 1 || counts[window.words].reduce(0, +) <= capacity, "\(window)", file: file, line: line)
        }
    }

    func testAPostThatFitsIsOneWindowAndAnEmptyPostNone() {
        let whole = PostWindows(subwordCounts: [1, 2, 0, 3], capacity: 6)
        XCTAssertEqual(whole.windows.map(\.words), [0..<4])
        XCTAssertEqual(whole.windows.map(\.core), [0..<4])
        XCTAssertEqual(PostWindows(subwordCounts: [], capacity: 6).windows, [])
        XCTAssertEqual(PostWindows(subwordCounts: [], capacity: 6).merge([]), [])
    }

    func testLongPostsGetOverlappingWindowsWhoseCentresTileThePost() {
        let counts = (0..<2_000).map { [1, 2, 1, 3, 0, 1][$0 % 6] }
        let plan = PostWindows(subwordCounts: counts, capacity: 14)
        assertWellFormed(plan, counts: counts, capacity: 14)
        XCTAssertGreaterThan(plan.windows.count, 250)
        let exact = PostWindows(subwordCounts: [2, 2, 2, 2, 2, 2], capacity: 4)
        XCTAssertEqual(exact.windows.map(\.words), [0..<2, 1..<3, 2..<4, 3..<5, 4..<6])
        XCTAssertEqual(exact.windows.map(\.core), [0..<1, 1..<2, 2..<3, 3..<4, 4..<6])
    }

    /// A word longer than a window gets a window to itself (truncated by the tokenizer); the
    /// plan still moves on and covers the post.
    func testAWordLongerThanAWindowIsAWindowOfItsOwn() {
        let counts = [1, 1, 40, 1, 1, 1, 1]
        let plan = PostWindows(subwordCounts: counts, capacity: 4)
        assertWellFormed(plan, counts: counts, capacity: 4)
        XCTAssertTrue(plan.windows.contains { $0.words == 2..<3 })
    }

    func testMergeKeepsEachSpanFromTheWindowWhoseCoreHoldsItsStart() {
        let post = PostText("a b c d e f")
        let plan = PostWindows(subwordCounts: [2, 2, 2, 2, 2, 2], capacity: 6)
        XCTAssertEqual(plan.windows.map(\.words), [0..<3, 2..<5, 4..<6])
        XCTAssertEqual(plan.windows.map(\.core), [0..<2, 2..<4, 4..<6])
        func span(_ words: Range<Int>, _ confidence: Float) -> TaggedSpan {
            TaggedSpan(type: "PER", words: words, in: post, confidence: confidence)
        }
        let merged = plan.merge([
            [span(0..<1, 0.1), span(2..<3, 0.2)],  // 2..<3 starts outside the first core
            [span(2..<3, 0.3), span(3..<5, 0.4)],  // so it is taken from the second window
            [span(4..<5, 0.5), span(5..<6, 0.6)],  // 4..<5 overlaps the span kept before it
        ])
        XCTAssertEqual(merged.map(\.words), [0..<1, 2..<3, 3..<5, 5..<6])
        XCTAssertEqual(merged.map(\.confidence), [0.1, 0.3, 0.4, 0.6])
    }

    /// Emissions that depend on each token alone (zimmer → B-PER, ##man → I-PER, paris → B-LOC).
    private func tokenEmissions(_ batch: TaggingBatch) -> Tensor {
        let preferred = [5: 1, 6: 2, 8: 3]
        let (size, length) = (batch.tokens.size, batch.tokens.length)
        var values = [Float](repeating: 0, count: size * length * 9)
        for (position, id) in batch.tokens.inputIds.enumerated() { values[position * 9 + preferred[id, default: 0]] = 3 }
        return Tensor(shape: [size, length, 9], values: values)
    }

    private let transitionFree = CRF(startTransitions: Tensor(zeros: [9]), endTransitions: Tensor(zeros: [9]),
                                     transitions: Tensor(zeros: [9, 9]))

    /// A word of more sub-words than the encoder holds (40 punctuation marks, 40 [UNK]s) is cut
    /// by the tokenizer in a window of its own; the words around it are still found.
    func testAWordLongerThanTheEncoderDoesNotLoseTheOthers() {
        let post = PostText("Zimmerman " + String(repeating: "!", count: 40) + " got Paris")
        let tagged = SpanTagging.tag([post], tokenizer: tokenizer, maxLength: 16, labels: labels, crf: transitionFree, batchSize: 4,
                                     emissions: tokenEmissions)
        XCTAssertGreaterThan(tagged[0].windowCount, 1)
        XCTAssertEqual(tagged[0].spans.map(\.text), ["Zimmerman", "Paris"])
    }

    /// The windows of a long post go through the encoder a few full windows at a time (attention
    /// keeps heads·L² scores per window), while short posts still fill a batch of `batchSize`.
    func testLongPostsAreEncodedAFewFullWindowsAtATime() {
        let sentence = "Zimmerman got Paris"
        let long = PostText(Array(repeating: sentence, count: 300).joined(separator: " "))
        let posts = Array(repeating: PostText(sentence), count: 40) + [long]
        var batches: [(windows: Int, scores: Int)] = []
        let tagged = SpanTagging.tag(posts, tokenizer: tokenizer, maxLength: 64, labels: labels, crf: transitionFree, batchSize: 32) { batch in
            let lengths = (0..<batch.tokens.size).map { row in batch.scoredMask[(row * batch.tokens.length)...].prefix(batch.tokens.length).reduce(0, +) }
            batches.append((batch.tokens.size, lengths.map { $0 * $0 }.reduce(0, +)))
            return tokenEmissions(batch)
        }
        XCTAssertGreaterThan(tagged[40].windowCount, 32)
        XCTAssertEqual(batches.map(\.windows).reduce(0, +), tagged.map(\.windowCount).reduce(0, +))
        XCTAssertEqual(batches.first?.windows, 32, "short posts: a full batch")
        for batch in batches { XCTAssertLessThanOrEqual(batch.scores, SpanTagging.fullWindowsPerBatch * 64 * 64, "\(batch)") }
        XCTAssertEqual(tagged[40].spans.count, 600)
    }

    /// With emissions that depend on each token alone and a CRF without transitions, every window
    /// tags every word as a short post would, with the same confidences, so the merged spans of a
    /// 2,000-word post are known exactly.
    func testATwoThousandWordPostIsTaggedInWindowsAndMergedWithoutLossOrDuplicates() {
        let sentence = ["Zimmerman", "got", "Paris"]
        let long = PostText(Array(repeating: sentence.joined(separator: " "), count: 667).joined(separator: " ") + " Paris")
        XCTAssertEqual(long.words.count, 2_002)
        let posts = [PostText(sentence.joined(separator: " ")), long, PostText("")]
        let tagged = SpanTagging.tag(posts, tokenizer: tokenizer, maxLength: 16, labels: labels, crf: transitionFree, batchSize: 32,
                                     emissions: tokenEmissions)
        XCTAssertEqual(tagged.map(\.windowCount)[0], 1)
        XCTAssertGreaterThan(tagged[1].windowCount, 100)
        XCTAssertEqual(tagged[2].spans, [])
        let short = tagged[0].spans
        XCTAssertEqual(short.map(\.type), ["PER", "LOC"])
        let sentenceSpans: [[Range<Int>]] = (0..<667).map { (k: Int) -> [Range<Int>] in [(3 * k)..<(3 * k + 1), (3 * k + 2)..<(3 * k + 3)] }
        let expected = sentenceSpans.flatMap { $0 } + [2_001..<2_002]
        XCTAssertEqual(tagged[1].spans.map(\.words), expected)
        for span in tagged[1].spans {
            let reference = span.type == "PER" ? short[0] : short[1]
            XCTAssertEqual(span.confidence, reference.confidence, accuracy: 1e-5, "\(span)")
            XCTAssertEqual(span.text, reference.text)
        }
    }
}
