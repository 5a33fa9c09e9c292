import Foundation

/// One post of a Twitter multimodal NER file: its image id, words and BIO tags.
public struct MNERPost: Sendable, Equatable {
    public let imageID: String
    public let words: [String]
    public let tags: [String]

    public init(imageID: String, words: [String], tags: [String]) {
        (self.imageID, self.words, self.tags) = (imageID, words, tags)
    }
}

/// A malformed line, with the file and line number.
public struct MNERFormatError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

/// Reads the Twitter-2015/2017 format: an `IMGID:n` line, then one `word TAB tag` line per
/// token, posts separated by a blank line. MISC (Twitter-2017's spelling) is read as OTHER.
public enum MNERDataset {
    /// The tag set of the four types in BIO form, in a fixed order (index = label id).
    public static let tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTHER", "I-OTHER"]

    public static func read(_ url: URL) throws -> [MNERPost] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw MNERFormatError(file: url.path, line: 0, reason: "cannot be read as UTF-8 text: \(error.localizedDescription)")
        }
        var posts: [MNERPost] = []
        var imageID: String?
        var words: [String] = [], tags: [String] = []
        func finish(at line: Int) throws {
            guard let id = imageID else { return }
            guard !words.isEmpty else { throw MNERFormatError(file: url.path, line: line, reason: "post IMGID:\(id) has no tokens") }
            posts.append(MNERPost(imageID: id, words: words, tags: tags))
            (imageID, words, tags) = (nil, [], [])
        }
        // Split on scalars: Swift's Character "\r\n" is one character, so a Character split would
        // leave a CRLF file in one piece.
        for (index, scalars) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let raw = Substring(scalars)
            let content = raw.unicodeScalars.last == "\r" ? Substring(raw.unicodeScalars.dropLast()) : raw
            if content.isEmpty { try finish(at: line); continue }
            if content.hasPrefix("IMGID:") {
                try finish(at: line)
                imageID = String(content.dropFirst("IMGID:".count))
                continue
            }
            guard imageID != nil else { throw MNERFormatError(file: url.path, line: line, reason: "token before any IMGID: line") }
            let fields = content.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw MNERFormatError(file: url.path, line: line, reason: "expected 'word TAB tag', found \(fields.count) field(s)")
            }
            let tag = fields[1].replacingOccurrences(of: "MISC", with: "OTHER")
            guard Self.tags.contains(tag) else {
                throw MNERFormatError(file: url.path, line: line, reason: "unknown tag '\(fields[1])' (expected O or B-/I- PER, LOC, ORG, OTHER, MISC)")
            }
            words.append(String(fields[0]))
            tags.append(tag)
        }
        try finish(at: text.count)
        return posts
    }
}
