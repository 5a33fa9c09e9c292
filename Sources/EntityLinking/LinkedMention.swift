/// A mention with the KG entity it was linked to, or none (NIL).
public struct LinkedMention: Sendable {
    /// The recognised mention.
    public let mention: Mention
    /// The linked entity's IRI; `nil` when no candidate scored above the linker's NIL threshold.
    public let entity: String?
    /// The linker's confidence in `entity`, in [0, 1]; `nil` for a NIL mention.
    public let linkingConfidence: Float?
    /// The DBpedia classes of the linked entity (closed under `rdfs:subClassOf`), sorted; empty for NIL.
    public let entityClasses: [String]

    public init(mention: Mention, entity: String?, linkingConfidence: Float?, entityClasses: [String]) {
        self.mention = mention
        self.entity = entity
        self.linkingConfidence = linkingConfidence
        self.entityClasses = entityClasses
    }
}
