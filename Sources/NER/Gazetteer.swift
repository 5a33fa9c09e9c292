/// Labels and aliases of KG entities, matched against a post's words (MODEL.md §1 decision):
/// longest match over the labels, case-insensitive, a leading '#' or '@' of a word stripped
/// (``LabelNormalization``).
///
/// Labels are word sequences (``LabelNormalization/words(ofLabel:)``) kept in a trie keyed by word
/// ids, so building from ~120k labels takes under a second and matching a post costs one hash
/// lookup per word and step (about 10 µs per post). Matching runs left to right and takes the
/// longest label starting at each position; matches do not overlap.
///
/// **Noise rules**:
/// - a label is skipped when each of its words is a ``stopWords`` entry or shorter than two
///   characters (DBpedia has entities called `The`, `I`, `RT`, `A`, `It`, `The The`);
/// - a match of a single word counts only when the word as written has a capital letter
///   (``requireCapitalForSingleWords``), as DBpedia also names songs and albums `Today`, `Photo`,
///   `Love`, `Concert`, which would otherwise match the common word in most posts.
///
/// Measured on the Twitter-2015 / 2017 validation splits with the 122,842 DBpedia labels of DB100K
/// and DBpedia50 ("precision": matched words inside gold entities; "recall": gold entity words
/// matched): neither rule 28.7 % / 36.2 % precision at 45.6 % / 52.6 % recall; the first rule
/// 44.4 % / 47.4 % at 45.1 % / 51.1 %; both 64.6 % / 69.1 % at 43.9 % / 50.8 %.
public struct Gazetteer: Sendable {
    /// Twitter's and English function words that never make a label on their own.
    public static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "am", "amp", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "done",
        "down", "each", "for", "from", "get", "go", "going", "got", "had", "has", "have", "he", "her",
        "here", "him", "his", "how", "http", "https", "i", "if", "im", "in", "into", "is", "it", "its",
        "just", "like", "lol", "me", "more", "most", "my", "new", "no", "not", "now", "of", "off", "oh",
        "ok", "on", "one", "only", "or", "our", "out", "over", "rt", "say", "she", "so", "some", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
        "up", "us", "via", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
        "with", "would", "yes", "you", "your",
    ]

    /// Ids of the words that occur in kept labels.
    private var wordIDs: [String: Int32] = [:]
    /// Whether a one-word match needs a capital letter in the post's word (see the type's description).
    public let requireCapitalForSingleWords: Bool
    /// Trie edges: (node << 32 | word id) → child node; node 0 is the root.
    private var children: [Int64: Int32] = [:]
    /// For each node, the entity rows of the label that ends there (sorted, unique; [] for none).
    private var entitiesAtNode: [[Int]] = [[]]

    /// - Parameter labels: entity labels and aliases; `entity` is the row of the entity in the
    ///   embedding table. Several entities may share a label, and an entity may have several labels.
    /// - Parameter requireCapitalForSingleWords: the second noise rule; false matches single words
    ///   case-insensitively as well.
    public init(labels: [(label: String, entity: Int)], requireCapitalForSingleWords: Bool = true) {
        self.requireCapitalForSingleWords = requireCapitalForSingleWords
        for (label, entity) in labels {
            let words = LabelNormalization.words(ofLabel: label)
            guard !words.isEmpty, !words.allSatisfy(Self.isNoise) else { continue }
            var node: Int32 = 0
            for word in words {
                let id = wordID(word)
                let key = Self.edge(node, id)
                if let child = children[key] {
                    node = child
                } else {
                    let child = Int32(entitiesAtNode.count)
                    entitiesAtNode.append([])
                    children[key] = child
                    node = child
                }
            }
            entitiesAtNode[Int(node)].append(entity)
        }
        for node in entitiesAtNode.indices where entitiesAtNode[node].count > 1 {
            entitiesAtNode[node] = Array(Set(entitiesAtNode[node])).sorted()
        }
    }

    /// The number of distinct labels (after normalisation and the noise rule).
    public var labelCount: Int { entitiesAtNode.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

    /// Whether a normalised word is too common or too short to make a label by itself.
    public static func isNoise(_ word: String) -> Bool {
        word.unicodeScalars.count < 2 || stopWords.contains(word)
    }

    /// For each word, the entity rows of the longest label match covering it ([] for none).
    public func match(words: [String]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: words.count)
        let ids = words.map { wordIDs[LabelNormalization.word($0)] }
        var start = 0
        while start < words.count {
            if let (end, node) = longestMatch(ids[start...]),
               end - start > 1 || !requireCapitalForSingleWords || words[start].contains(where: \.isUppercase) {
                for position in start..<end { result[position] = entitiesAtNode[node] }
                start = end
            } else {
                start += 1
            }
        }
        return result
    }

    /// The end index and node of the longest label that is a prefix of `ids`.
    private func longestMatch(_ ids: ArraySlice<Int32?>) -> (end: Int, node: Int)? {
        var node: Int32 = 0, best: (end: Int, node: Int)?
        for index in ids.indices {
            guard let id = ids[index], let child = children[Self.edge(node, id)] else { break }
            node = child
            if !entitiesAtNode[Int(node)].isEmpty { best = (index + 1, Int(node)) }
        }
        return best
    }

    private mutating func wordID(_ word: String) -> Int32 {
        if let id = wordIDs[word] { return id }
        let id = Int32(wordIDs.count)
        wordIDs[word] = id
        return id
    }

    private static func edge(_ node: Int32, _ word: Int32) -> Int64 { Int64(node) << 32 | Int64(word) }
}
