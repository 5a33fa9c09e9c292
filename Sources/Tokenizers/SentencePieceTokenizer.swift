import Foundation

/// ALBERT's SentencePiece unigram tokenizer, following transformers 4's slow, sentencepiece-backed
/// `AlbertTokenizer`: `preprocess_text` (collapse whitespace, ``` `` ```/`''` → `"`, strip
/// accents, lower-case), SentencePiece normalisation, unigram Viterbi, and ALBERT's rule that
/// re-splits pieces like `▁12,` into `▁12` + `,`.
///
/// Differences, documented rather than hidden:
/// - SentencePiece's `nmt_nfkc` precompiled charsmap is approximated by the nmt rules (control
///   characters removed, whitespace variants such as U+200B → space) followed by Unicode NFKC.
/// - Special tokens written literally in the text (`[MASK]`) are not matched; they are
///   segmented like ordinary text, as sentencepiece itself does.
/// - transformers 5's `AlbertTokenizer` is the Rust (`tokenizers`) one, which strips all
///   non-spacing marks (U+FE0F too) and matches `[MASK]` in text; it can differ from this.
public struct SentencePieceTokenizer: Sendable {
    public let model: SentencePieceModel
    public let lowercase: Bool
    public let keepAccents: Bool
    public let unknownId: Int
    public let classifierId: Int
    public let separatorId: Int
    public let paddingId: Int
    public let maskId: Int?

    private let ids: [[Unicode.Scalar]: Int]
    private let longestPiece: Int
    private let minScore: Float
    private let maxScore: Float

    /// - Throws: ``TokenizerError/missingSpecialToken(_:)`` when the model lacks `<unk>`,
    ///   `[CLS]`, `[SEP]` or `<pad>` (as `specialTokens` spells them).
    public init(model: SentencePieceModel, lowercase: Bool = true, keepAccents: Bool = false,
                specialTokens: SpecialTokens = SpecialTokens(unknown: "<unk>", padding: "<pad>")) throws(TokenizerError) {
        self.model = model
        self.lowercase = lowercase
        self.keepAccents = keepAccents
        var ids: [[Unicode.Scalar]: Int] = [:]
        var all: [String: Int] = [:]
        var minScore = Float.greatestFiniteMagnitude, maxScore = -Float.greatestFiniteMagnitude
        for (id, piece) in model.pieces.enumerated() {
            if all[piece.piece] == nil { all[piece.piece] = id }
            switch piece.type {
            case .normal:
                minScore = min(minScore, piece.score)
                maxScore = max(maxScore, piece.score)
                ids[Array(piece.piece.unicodeScalars)] = id
            case .userDefined, .unused:
                ids[Array(piece.piece.unicodeScalars)] = id
            default: break
            }
        }
        func id(_ token: String) throws(TokenizerError) -> Int {
            guard let id = all[token] else { throw .missingSpecialToken(token) }
            return id
        }
        unknownId = try id(specialTokens.unknown)
        classifierId = try id(specialTokens.classifier)
        separatorId = try id(specialTokens.separator)
        paddingId = try id(specialTokens.padding)
        maskId = all[specialTokens.mask]
        self.ids = ids
        longestPiece = ids.keys.map(\.count).max() ?? 0
        self.minScore = minScore
        self.maxScore = maxScore
    }

    /// ALBERT's `preprocess_text`.
    public func preprocess(_ text: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Self.isPythonSpace(scalar) {
                if !current.isEmpty { words.append(String(current)); current = .init() }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        var output = words.joined(separator: " ")
            .replacingOccurrences(of: "``", with: "\"").replacingOccurrences(of: "''", with: "\"")
        if !keepAccents {
            var kept = String.UnicodeScalarView()
            for scalar in output.decomposedStringWithCompatibilityMapping.unicodeScalars
            where scalar.properties.canonicalCombiningClass.rawValue == 0 {
                kept.append(scalar)
            }
            output = String(kept)
        }
        return lowercase ? output.lowercased() : output
    }

    /// SentencePiece's normaliser: nmt rules, NFKC, extra whitespace removed, dummy prefix,
    /// spaces → `▁`.
    public func normalize(_ text: String) -> [Unicode.Scalar] {
        var mapped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x1...0x8).contains(v) || v == 0xB || (0xE...0x1F).contains(v) || v == 0x7F || v == 0x8F || v == 0x9F {
                continue
            }
            if [0x9, 0xA, 0xC, 0xD, 0x1680, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029,
                0x2581, 0xFEFF, 0xFFFD].contains(v) {
                mapped.append(" ")
            } else {
                mapped.append(scalar)
            }
        }
        var scalars = Array(String(mapped).precomposedStringWithCompatibilityMapping.unicodeScalars)
        if model.removeExtraWhitespaces {
            var collapsed: [Unicode.Scalar] = []
            for scalar in scalars {
                if scalar == " ", collapsed.isEmpty || collapsed.last == " " { continue }
                collapsed.append(scalar)
            }
            if collapsed.last == " " { collapsed.removeLast() }
            scalars = collapsed
        }
        if scalars.isEmpty { return [] }
        if model.addDummyPrefix { scalars.insert(" ", at: 0) }
        if model.escapeWhitespaces { scalars = scalars.map { $0 == " " ? "\u{2581}" : $0 } }
        return scalars
    }

    /// Unigram Viterbi over normalised scalars; runs of unknown characters merge into one piece.
    func segment(_ scalars: [Unicode.Scalar]) -> [(piece: String, id: Int)] {
        guard !scalars.isEmpty else { return [] }
        let unknownScore = minScore - 10
        var best = [Float](repeating: -.infinity, count: scalars.count + 1)
        var back = [(start: Int, id: Int)](repeating: (0, 0), count: scalars.count + 1)
        best[0] = 0
        for start in 0..<scalars.count where best[start] > -.infinity {
            var hasSingle = false
            for length in 1...min(longestPiece, scalars.count - start) {
                guard let id = ids[Array(scalars[start..<start + length])] else { continue }
                let piece = model.pieces[id]
                if piece.type == .unused { continue }
                if length == 1 { hasSingle = true }
                let score = piece.type == .userDefined ? Float(length) * maxScore - 0.1 : piece.score
                let candidate = best[start] + score
                if candidate > best[start + length] {
                    best[start + length] = candidate
                    back[start + length] = (start, id)
                }
            }
            if !hasSingle {
                let candidate = best[start] + unknownScore
                if candidate > best[start + 1] {
                    best[start + 1] = candidate
                    back[start + 1] = (start, unknownId)
                }
            }
        }
        var result: [(piece: String, id: Int)] = []
        var end = scalars.count
        var previousUnknownEnd: Int?
        while end > 0 {
            let (start, id) = back[end]
            if id == unknownId, previousUnknownEnd != nil, let last = result.last, last.id == unknownId {
                result[result.count - 1].piece = String(String.UnicodeScalarView(scalars[start..<previousUnknownEnd!]))
            } else {
                result.append((String(String.UnicodeScalarView(scalars[start..<end])), id))
                previousUnknownEnd = end
            }
            if id != unknownId { previousUnknownEnd = nil }
            end = start
        }
        return result.reversed()
    }

    /// The pieces and ids of `text`, without special tokens (transformers 4's `_tokenize`).
    public func tokenize(_ text: String) -> [(piece: String, id: Int)] {
        var output: [(piece: String, id: Int)] = []
        for (piece, id) in segment(normalize(preprocess(text))) {
            let scalars = Array(piece.unicodeScalars)
            guard scalars.count > 1, scalars.last == ",", scalars[scalars.count - 2].properties.numericType == .decimal
            else { output.append((piece, id)); continue }
            let inner = String(String.UnicodeScalarView(scalars.dropLast().filter { $0 != "\u{2581}" }))
            var pieces = segment(normalize(inner))
            if scalars.first != "\u{2581}", let first = pieces.first, first.piece.unicodeScalars.first == "\u{2581}" {
                if first.piece.unicodeScalars.count == 1 {
                    pieces.removeFirst()
                } else {
                    let rest = String(String.UnicodeScalarView(first.piece.unicodeScalars.dropFirst()))
                    pieces[0] = (rest, pieceId(rest))
                }
            }
            pieces.append((",", pieceId(",")))
            output += pieces
        }
        return output
    }

    /// `PieceToId`: the piece's id, or the unknown id.
    public func pieceId(_ piece: String) -> Int {
        if let id = ids[Array(piece.unicodeScalars)] { return id }
        return model.pieces.firstIndex { $0.piece == piece } ?? unknownId
    }

    /// Encodes `text` as `[CLS] pieces [SEP]`. Tokens are vocabulary pieces (`<unk>` for
    /// unknown ones); offsets and word ids are not tracked (nil), `wordTokenRanges` is empty.
    public func encode(text: String, addSpecialTokens: Bool = true) -> Encoding {
        var ids = tokenize(text).map { $0.id }
        if addSpecialTokens { ids = [classifierId] + ids + [separatorId] }
        return Encoding(ids: ids, tokens: ids.map { model.pieces[$0].piece },
                        offsets: Array(repeating: nil, count: ids.count),
                        wordIds: Array(repeating: nil, count: ids.count),
                        attentionMask: Array(repeating: 1, count: ids.count),
                        tokenTypeIds: Array(repeating: 0, count: ids.count), wordTokenRanges: [])
    }

    /// Python's `str.isspace`, which `str.split()` uses.
    private static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }
}
