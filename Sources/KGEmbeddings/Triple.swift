/// One knowledge-graph fact as interned ids: (head entity, relation, tail entity).
public struct Triple: Hashable, Sendable {
    /// Head entity id (row of the entity table).
    public var head: Int32
    /// Relation id (row of the relation table).
    public var relation: Int32
    /// Tail entity id (row of the entity table).
    public var tail: Int32

    /// Makes a triple from ids.
    public init(_ head: Int32, _ relation: Int32, _ tail: Int32) {
        self.head = head
        self.relation = relation
        self.tail = tail
    }

    /// Makes a triple from `Int` ids (convenience for tests and fixtures).
    public init(_ head: Int, _ relation: Int, _ tail: Int) {
        self.init(Int32(head), Int32(relation), Int32(tail))
    }
}
