/// Entity-level scores as the CoNLL shared tasks' `conlleval` script computes them.
///
/// Chunks follow conlleval's start/end rules for IOB tags: a chunk starts at a `B-X`, or at an
/// `I-X` that follows `O` or a tag of another type (so a stray `I-` opens a chunk); it ends before
/// a `B-`, an `O`, or a tag of another type. A predicted chunk is correct when its type and both
/// boundaries equal a gold chunk's. Posts are scored separately, so no chunk crosses a post.
public enum Conlleval {
    /// One chunk: its type and its words `start..<end`.
    public struct Chunk: Hashable, Sendable {
        public let type: String
        public let start: Int
        public let end: Int

        public init(type: String, start: Int, end: Int) {
            (self.type, self.start, self.end) = (type, start, end)
        }
    }

    /// Counts and scores (in %, as conlleval prints them) of one type or of all types together.
    public struct Scores: Equatable, Sendable {
        /// Chunks the prediction has, chunks the gold tags have, and predicted chunks that are correct.
        public var predicted = 0, gold = 0, correct = 0

        public init(predicted: Int = 0, gold: Int = 0, correct: Int = 0) {
            (self.predicted, self.gold, self.correct) = (predicted, gold, correct)
        }

        /// 100·correct/predicted, 0 without predictions.
        public var precision: Double { predicted == 0 ? 0 : 100 * Double(correct) / Double(predicted) }
        /// 100·correct/gold, 0 without gold chunks.
        public var recall: Double { gold == 0 ? 0 : 100 * Double(correct) / Double(gold) }
        /// The harmonic mean of precision and recall, 0 when both are 0.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// The scores of a whole prediction.
    public struct Report: Equatable, Sendable {
        public var overall = Scores()
        /// One entry per type found in the gold or the predicted tags.
        public var byType: [String: Scores] = [:]
        /// Words whose predicted tag equals the gold tag, and all words (conlleval's accuracy).
        public var correctTags = 0, tagCount = 0

        /// Token accuracy in %.
        public var accuracy: Double { tagCount == 0 ? 0 : 100 * Double(correctTags) / Double(tagCount) }
    }

    /// The chunks of one post's IOB tags (`O`, `B-X`, `I-X`), in order.
    public static func chunks(_ tags: [String]) -> [Chunk] {
        var result: [Chunk] = []
        var open: (type: String, start: Int)?
        var previous = (tag: "O", type: "")
        for (index, raw) in tags.enumerated() {
            let current = split(raw)
            if let chunk = open, endsChunk(previous, current) {
                result.append(Chunk(type: chunk.type, start: chunk.start, end: index))
                open = nil
            }
            if startsChunk(previous, current) { open = (current.type, index) }
            previous = current
        }
        if let chunk = open { result.append(Chunk(type: chunk.type, start: chunk.start, end: tags.count)) }
        return result
    }

    /// Scores `predicted` against `gold`, post by post (each pair of the same length).
    public static func evaluate(gold: [[String]], predicted: [[String]]) -> Report {
        precondition(gold.count == predicted.count, "Conlleval: \(gold.count) gold posts, \(predicted.count) predicted")
        var report = Report()
        for (goldTags, predictedTags) in zip(gold, predicted) {
            precondition(goldTags.count == predictedTags.count, "Conlleval: a post has \(goldTags.count) gold tags, \(predictedTags.count) predicted")
            report.tagCount += goldTags.count
            report.correctTags += zip(goldTags, predictedTags).filter { $0 == $1 }.count
            let goldChunks = chunks(goldTags), predictedChunks = chunks(predictedTags)
            let goldSet = Set(goldChunks)
            for chunk in goldChunks {
                report.overall.gold += 1
                report.byType[chunk.type, default: Scores()].gold += 1
            }
            for chunk in predictedChunks {
                let hit = goldSet.contains(chunk) ? 1 : 0
                report.overall.predicted += 1
                report.overall.correct += hit
                report.byType[chunk.type, default: Scores()].predicted += 1
                report.byType[chunk.type, default: Scores()].correct += hit
            }
        }
        return report
    }

    /// `B-PER` → (`B`, `PER`); `O` → (`O`, ``).
    private static func split(_ tag: String) -> (tag: String, type: String) {
        guard let dash = tag.firstIndex(of: "-") else { return (tag, "") }
        return (String(tag[..<dash]), String(tag[tag.index(after: dash)...]))
    }

    /// conlleval's `endOfChunk` for IOB tags.
    private static func endsChunk(_ previous: (tag: String, type: String), _ current: (tag: String, type: String)) -> Bool {
        guard previous.tag != "O" else { return false }
        return current.tag == "B" || current.tag == "O" || previous.type != current.type
    }

    /// conlleval's `startOfChunk` for IOB tags.
    private static func startsChunk(_ previous: (tag: String, type: String), _ current: (tag: String, type: String)) -> Bool {
        guard current.tag != "O" else { return false }
        return current.tag == "B" || previous.tag == "O" || previous.type != current.type
    }
}
