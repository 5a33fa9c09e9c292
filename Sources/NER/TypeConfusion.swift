/// Which type the tagger gave the gold entities it found with the right boundaries, and what it
/// missed or invented: the confusion table of `coatt ner eval`. Rows are gold types plus
/// "(none)" for spurious spans; columns are predicted types plus "(none)" for gold spans without a
/// predicted span of the same boundaries.
public struct TypeConfusion: Equatable, Sendable {
    /// The label of the missing side.
    public static let none = "(none)"
    /// counts[gold][predicted].
    public private(set) var counts: [String: [String: Int]] = [:]

    /// Compares the chunks (``Conlleval/chunks(_:)``) of each post's gold and predicted tags.
    public init(gold: [[String]], predicted: [[String]]) {
        precondition(gold.count == predicted.count, "TypeConfusion: \(gold.count) gold posts, \(predicted.count) predicted")
        for (goldTags, predictedTags) in zip(gold, predicted) {
            let goldSpans = Dictionary(Conlleval.chunks(goldTags).map { (Span($0), $0.type) }, uniquingKeysWith: { first, _ in first })
            let predictedSpans = Dictionary(Conlleval.chunks(predictedTags).map { (Span($0), $0.type) },
                                            uniquingKeysWith: { first, _ in first })
            for (span, type) in goldSpans { counts[type, default: [:]][predictedSpans[span] ?? Self.none, default: 0] += 1 }
            for (span, type) in predictedSpans where goldSpans[span] == nil {
                counts[Self.none, default: [:]][type, default: 0] += 1
            }
        }
    }

    /// The table as text: one row per gold type, one column per predicted type.
    public var table: String {
        let types = Set(counts.keys).union(counts.values.flatMap(\.keys)).subtracting([Self.none]).sorted() + [Self.none]
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, 8 - text.count)) + text }
        var text = "gold \\ predicted".padding(toLength: 17, withPad: " ", startingAt: 0) + types.map(cell).joined() + "\n"
        for gold in types {
            text += gold.padding(toLength: 17, withPad: " ", startingAt: 0)
            text += types.map { predicted in
                gold == Self.none && predicted == Self.none ? cell("-") : cell(String(counts[gold]?[predicted] ?? 0))
            }.joined() + "\n"
        }
        return text
    }

    /// A span's boundaries, whatever its type.
    private struct Span: Hashable {
        let start: Int, end: Int
        init(_ chunk: Conlleval.Chunk) { (start, end) = (chunk.start, chunk.end) }
    }
}
