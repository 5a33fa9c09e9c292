/// Why a post's text is refused before it is tagged: every command and the endpoint check a post
/// first (``PostText/check(_:allowingEmpty:)``), so a bad post is a clear error, never a partial result.
public enum PostTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty or white space only: it has no words.
    case empty
    /// The text has more Unicode scalars than ``PostText/maximumLength``.
    case tooLong(scalars: Int)
    /// The text holds a NUL character (U+0000), which the store cannot keep (rasqal ends strings
    /// at NUL): its RDF would cut the text there while the offsets count past it.
    case nulCharacter(at: Int)

    /// What is wrong, e.g. "empty (it has no words to tag)".
    public var description: String {
        switch self {
        case .empty: "empty (it has no words to tag)"
        case .tooLong(let scalars):
            "\(scalars) characters long (Unicode scalars), more than the limit of \(PostText.maximumLength)"
        case .nulCharacter(let offset):
            "holding a NUL character (U+0000) at character \(offset), which RDF stores cannot keep"
        }
    }

    /// The message for the post of id `id`: "post ID is …", or "the post is …" without an id.
    public func message(id: String?) -> String {
        (id.map { "post \($0)" } ?? "the post") + " is \(description)"
    }
}

extension PostText {
    /// The most Unicode scalars a post may have. Above the longest post the major platforms allow
    /// (Facebook's 63,206 characters; X 25,000, Reddit 40,000) and six times a post of 2,000
    /// sub-words (about 10,000 characters). Tagging time grows linearly with length (windows of
    /// the encoder's positions): with MiniLM on one core, a post of ordinary text at the limit
    /// takes about 10 s and one of one-character words (the most windows) about 22 s, within the
    /// endpoint's default time limit of 30 s.
    public static let maximumLength = 65_536

    /// Throws when `text` is longer than ``maximumLength``, holds a NUL character or, unless
    /// `allowingEmpty`, has no words (white space as ``PostText`` splits it).
    public static func check(_ text: String, allowingEmpty: Bool = false) throws(PostTextError) {
        let length = text.unicodeScalars.count
        if length > maximumLength { throw .tooLong(scalars: length) }
        if !allowingEmpty, text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { throw .empty }
        if let nul = text.unicodeScalars.firstIndex(of: "\0") { throw .nulCharacter(at: text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: nul)) }
    }
}
