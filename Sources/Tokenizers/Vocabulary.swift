import Foundation

/// A WordPiece vocabulary (`vocab.txt`): one token per line, the line number being its id.
///
/// Lookups compare Unicode scalars exactly, as Python and Rust compare strings. Swift's own
/// `String` equality would not do: it treats canonically equivalent strings as equal, so the
/// precomposed `한` would find a vocabulary entry for the decomposed jamo sequence, and the
/// other way round, where Hugging Face finds nothing.
public struct Vocabulary: Sendable {
    /// Tokens by id.
    public let tokens: [String]
    private let ids: [[Unicode.Scalar]: Int]
    /// Ids of `##`-prefixed tokens, keyed without the prefix, so sub-word lookups need not
    /// build prefixed strings.
    private let continuationIds: [[Unicode.Scalar]: Int]
    /// The longest key of either table, in scalars: no match can be longer.
    let longestPiece: Int

    /// The vocabulary whose token with id `i` is `lines[i]`. When a token occurs twice, the
    /// later id wins for lookups, as in Python's `load_vocab`.
    public init(lines: [String]) {
        tokens = lines
        var ids: [[Unicode.Scalar]: Int] = [:]
        var continuationIds: [[Unicode.Scalar]: Int] = [:]
        for (id, token) in lines.enumerated() {
            let scalars = Array(token.unicodeScalars)
            ids[scalars] = id
            if scalars.starts(with: Self.continuationPrefix) {
                continuationIds[Array(scalars.dropFirst(Self.continuationPrefix.count))] = id
            }
        }
        self.ids = ids
        self.continuationIds = continuationIds
        longestPiece = (ids.keys.map(\.count) + continuationIds.keys.map(\.count)).max() ?? 0
    }

    /// Reads `vocab.txt`. Lines end at `\n`, `\r\n` or `\r`, as Python's text mode reads them;
    /// nothing else is trimmed.
    public init(contentsOf url: URL) throws(TokenizerError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .cannotRead(path: url.path, reason: error.localizedDescription)
        }
        self.init(lines: Self.lines(of: text))
    }

    /// How many tokens.
    public var count: Int { tokens.count }

    /// The id of `token`, compared scalar by scalar.
    public func id(for token: String) -> Int? {
        ids[Array(token.unicodeScalars)]
    }

    /// The id of a word-initial piece (`continuation` false) or of `##` + `piece`.
    func id(of piece: ArraySlice<Unicode.Scalar>, continuation: Bool) -> Int? {
        continuation ? continuationIds[Array(piece)] : ids[Array(piece)]
    }

    static let continuationPrefix: [Unicode.Scalar] = ["#", "#"]

    /// Splits on scalars, not `Character`s: Swift treats `\r\n` as a single Character.
    private static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        // A final line without a line break still counts; the empty text after the last break does not.
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
