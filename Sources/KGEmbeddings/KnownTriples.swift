/// The set of known true triples used as the filter of filtered ranking: for a query (h, r, ?)
/// it lists every known tail, for (?, r, t) every known head.
public struct KnownTriples: Sendable {
    private var tailsByHeadRelation: [Int64: [Int32]] = [:]
    private var headsByRelationTail: [Int64: [Int32]] = [:]
    private var all: Set<Triple> = []

    /// Indexes the union of the given triple lists (typically train ∪ valid ∪ test).
    public init<S: Sequence>(_ lists: S...) where S.Element == Triple {
        for list in lists {
            for triple in list where all.insert(triple).inserted {
                tailsByHeadRelation[Self.key(triple.head, triple.relation), default: []].append(triple.tail)
                headsByRelationTail[Self.key(triple.relation, triple.tail), default: []].append(triple.head)
            }
        }
    }

    /// Whether the triple is known.
    public func contains(_ triple: Triple) -> Bool { all.contains(triple) }

    /// Number of distinct known triples.
    public var count: Int { all.count }

    /// Every known tail t of (head, relation, t).
    public func tails(head: Int32, relation: Int32) -> [Int32] {
        tailsByHeadRelation[Self.key(head, relation)] ?? []
    }

    /// Every known head h of (h, relation, tail).
    public func heads(relation: Int32, tail: Int32) -> [Int32] {
        headsByRelationTail[Self.key(relation, tail)] ?? []
    }

    private static func key(_ a: Int32, _ b: Int32) -> Int64 {
        Int64(a) << 32 | Int64(UInt32(bitPattern: b))
    }
}
