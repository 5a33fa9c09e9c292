import Tensors
import Tokenizers

/// A post's text cut into words at whitespace (Unicode `White_Space`, as Python's `str.split()`;
/// the Twitter data is tokenised that way), each word with its place in the text.
public struct PostText: Sendable, Equatable {
    public let text: String
    public let words: [String]
    /// Where each word lies in `text`, counted in Unicode scalars (Python `str` indices, so a
    /// client in Python slices `text[begin:end]`; JavaScript counts UTF-16 units instead).
    public let wordOffsets: [Range<Int>]

    /// Where each word lies as indices of `text`, to slice it without counting from the start.
    private let wordBounds: [Range<String.Index>]

    public init(_ text: String) {
        self.text = text
        var words: [String] = [], offsets: [Range<Int>] = [], bounds: [Range<String.Index>] = []
        var current = "", start = (offset: 0, index: text.startIndex)
        // Scalars, not Characters: a combining mark after a space then starts the next word, so
        // every word's offsets stay exact whatever the graphemes around it.
        for (offset, index) in text.unicodeScalars.indices.enumerated() {
            let scalar = text.unicodeScalars[index]
            if scalar.properties.isWhitespace {
                if !current.isEmpty {
                    words.append(current)
                    offsets.append(start.offset..<offset)
                    bounds.append(start.index..<index)
                }
                current = ""
            } else {
                if current.isEmpty { start = (offset, index) }
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty {
            words.append(current)
            offsets.append(start.offset..<(start.offset + current.unicodeScalars.count))
            bounds.append(start.index..<text.endIndex)
        }
        (self.words, self.wordOffsets, wordBounds) = (words, offsets, bounds)
    }

    /// The text from the first of `words` to the end of the last, with the post's own spacing.
    public func text(words: Range<Int>) -> String {
        let bounds = wordBounds[words.lowerBound].lowerBound..<wordBounds[words.upperBound - 1].upperBound
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars[bounds])
        return result
    }
}

/// One entity found in a post: its type, words, place in the text and the model's confidence.
public struct TaggedSpan: Sendable, Equatable {
    /// The entity type, e.g. `PER`.
    public let type: String
    /// The post's words `words.lowerBound..<words.upperBound`.
    public let words: Range<Int>
    /// The span in the post's text, in Unicode scalars (see ``PostText/wordOffsets``): from the
    /// first word's start to the last word's end.
    public let begin: Int, end: Int
    /// The post's text from `begin` to `end`, spacing included.
    public let text: String
    /// The CRF's marginal probability of exactly this span (see ``DecodedChunk``).
    public let confidence: Float

    public init(type: String, words: Range<Int>, in post: PostText, confidence: Float) {
        precondition(!words.isEmpty && words.upperBound <= post.words.count, "TaggedSpan: words \(words) of a post of \(post.words.count)")
        (self.type, self.words, self.confidence) = (type, words, confidence)
        (begin, end) = (post.wordOffsets[words.lowerBound].lowerBound, post.wordOffsets[words.upperBound - 1].upperBound)
        text = post.text(words: words)
    }
}

/// An entity chunk of a decoded sub-word path, and the CRF event whose probability is its
/// confidence.
public struct DecodedChunk: Sendable, Equatable {
    /// The chunk over words, by conlleval's rules applied to the word tags (each word takes
    /// its first sub-token's tag, ``WordTags/fromSubwordPath(_:encoding:)``).
    public let chunk: Conlleval.Chunk
    /// The chunk's sub-word positions, from the first sub-token of its first word to the last
    /// sub-token of its last word, tagged `B-x I-x … I-x` (the labelling the tagger is trained
    /// on, ``SubwordLabels``), and the next position not `I-x`: exactly this entity, neither
    /// longer nor shorter. A chunk that the path opens with a stray `I-x` (possible without BIO
    /// constraints) is still scored as `B-x …`, the only reading training gives it.
    public let query: CRF.SpanQuery

    /// The chunks of one sequence's path (its scored positions) over `encoding`'s words.
    /// - Parameter labels: the tag names, index = label id; 0 must be `O`, and each type needs
    ///   its `B-` and `I-` tags.
    public static func chunks(of path: [Int], encoding: Encoding, labels: [String]) -> [DecodedChunk] {
        let wordTags = WordTags.fromSubwordPath(path, encoding: encoding).map { labels[$0] }
        return Conlleval.chunks(wordTags).map { chunk in
            guard let begin = labels.firstIndex(of: "B-" + chunk.type), let inside = labels.firstIndex(of: "I-" + chunk.type) else {
                preconditionFailure("DecodedChunk: the labels \(labels) lack B-\(chunk.type) or I-\(chunk.type)")
            }
            // Every word of a chunk has sub-tokens: a word without any is tagged O.
            let positions = encoding.wordTokenRanges[chunk.start].lowerBound..<encoding.wordTokenRanges[chunk.end - 1].upperBound
            let tags = [begin] + Array(repeating: inside, count: positions.count - 1)
            return DecodedChunk(chunk: chunk, query: CRF.SpanQuery(start: positions.lowerBound, tags: tags, notFollowedBy: [inside]))
        }
    }
}
