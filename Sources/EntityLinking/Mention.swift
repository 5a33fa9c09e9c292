/// A recognised mention to link: a span of a post's text with its NER type.
public struct Mention: Sendable, Equatable {
    /// The surface text of the span, as it appears in the post.
    public let text: String
    /// The NER type: `PER`, `LOC`, `ORG` or `OTHER`.
    public let type: String
    /// Offset of the first Unicode scalar of the span in the post's text.
    public let begin: Int
    /// Offset just past the last Unicode scalar of the span.
    public let end: Int
    /// The recogniser's confidence in the span and its type, in [0, 1].
    public let confidence: Float

    public init(text: String, type: String, begin: Int, end: Int, confidence: Float) {
        self.text = text
        self.type = type
        self.begin = begin
        self.end = end
        self.confidence = confidence
    }
}
