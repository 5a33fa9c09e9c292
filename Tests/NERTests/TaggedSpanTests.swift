import NER
import Tensors
import Tokenizers
import XCTest

final class TaggedSpanTests: XCTestCase {
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(lines: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "zimmer", "##man", "got", "paris",
    ]))

    /// Offsets are Unicode scalars (Python `str` indices, checked against `re.finditer(r'\S+')`):
    /// a ZWJ emoji family, a decomposed accent, Arabic (right to left), an emoji with its
    /// variation selector, a no-break space, and a combining mark right after whitespace.
    func testWordsAndOffsetsAreExactInUnicodeScalars() {
        let text = "  👩‍👩‍👧 Obama\t\tJose\u{301}  مرحبا\nParis ❤️ \u{A0} \u{301}abc"
        let post = PostText(text)
        XCTAssertEqual(post.words, ["👩‍👩‍👧", "Obama", "Jose\u{301}", "مرحبا", "Paris", "❤️", "\u{301}abc"])
        XCTAssertEqual(post.wordOffsets, [2..<7, 8..<13, 15..<20, 22..<27, 28..<33, 34..<36, 39..<43])
        for (index, word) in post.words.enumerated() {
            XCTAssertTrue(post.text(words: index..<(index + 1)).unicodeScalars.elementsEqual(word.unicodeScalars), word)
        }
        let span = TaggedSpan(type: "PER", words: 2..<4, in: post, confidence: 0.5)
        XCTAssertEqual(span.begin, 15)
        XCTAssertEqual(span.end, 27)
        XCTAssertTrue(span.text.unicodeScalars.elementsEqual("Jose\u{301}  مرحبا".unicodeScalars), "the post's own spacing, accents kept")
    }

    func testEmptyAndBlankPostsHaveNoWords() {
        XCTAssertEqual(PostText("").words, [])
        XCTAssertEqual(PostText(" \t\n\u{A0}").words, [])
    }

    /// Each chunk's query covers its words' sub-tokens, first to last, as B-x I-x … and not
    /// followed by I-x; a chunk the path opens with a stray I-x is still asked as B-x.
    func testChunksAskForTheirSubwordPositionsAsOneEntity() {
        let labels = MNERDataset.tags
        let encoding = tokenizer.encode(words: ["Zimmerman", "got", "\u{FE0F}", "Paris", "Paris"])
        XCTAssertEqual(encoding.tokens, ["[CLS]", "zimmer", "##man", "got", "paris", "paris", "[SEP]"])
        let chunks = DecodedChunk.chunks(of: [0, 1, 0, 0, 3, 4, 0], encoding: encoding, labels: labels)
        XCTAssertEqual(chunks.map(\.chunk), [Conlleval.Chunk(type: "PER", start: 0, end: 1), Conlleval.Chunk(type: "LOC", start: 3, end: 5)])
        XCTAssertEqual(chunks.map(\.query), [CRF.SpanQuery(start: 1, tags: [1, 2], notFollowedBy: [2]),
                                             CRF.SpanQuery(start: 4, tags: [3, 4], notFollowedBy: [4])])
        let stray = DecodedChunk.chunks(of: [0, 2, 2, 0, 0, 0, 0], encoding: encoding, labels: labels)
        XCTAssertEqual(stray.map(\.query), [CRF.SpanQuery(start: 1, tags: [1, 2], notFollowedBy: [2])])
    }

    /// A tagger's spans are the chunks of its word-level prediction, with their CRF confidences.
    func testTaggerSpansAreTheChunksOfItsPredictionWithProbabilities() {
        let config = TextEncoder.Configuration(family: .bert, vocabSize: 9, hiddenSize: 16, layerCount: 1, headCount: 2,
                                               intermediateSize: 32, maxPositionEmbeddings: 16, typeVocabSize: 2,
                                               activation: .gelu, layerNormEpsilon: 1e-12)
        var tagger = SequenceTagger(encoder: TextEncoder(config: config, seed: 3), tagCount: MNERDataset.tags.count, seed: 5)
        tagger.head.bias = Tensor(shape: [9], values: [0, 2, 1.5, 2, 1.5, 0, 0, 0, 0])  // so a random model finds entities
        let texts = ["Zimmerman got Paris", "paris Paris zimmerman", "got", "", "\u{FE0F} \u{200B}"]
        let tagged = tagger.tagSpans(texts.map(PostText.init), tokenizer: tokenizer, labels: MNERDataset.tags, batchSize: 3)
        let words = texts.map { PostText($0).words }
        let predicted = tagger.predictWordTags(words.map { MNERPost(imageID: "", words: $0, tags: $0.map { _ in "O" }) },
                                               tokenizer: tokenizer, labels: MNERDataset.tags, batchSize: 3)
        XCTAssertEqual(tagged.map { $0.spans.map { Conlleval.Chunk(type: $0.type, start: $0.words.lowerBound, end: $0.words.upperBound) } },
                       predicted.map(Conlleval.chunks))
        XCTAssertGreaterThan(tagged.flatMap(\.spans).count, 0)
        XCTAssertEqual(tagged.map(\.windowCount), [1, 1, 1, 0, 1], "words that normalisation erases still make a window")
        for span in tagged.flatMap(\.spans) { XCTAssertTrue(span.confidence > 0 && span.confidence <= 1, "\(span)") }
    }
}
