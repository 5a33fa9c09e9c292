/// Which DBpedia classes agree with each NER type, from `Ontologies/coattkg.ttl`
/// (`coatt:dbpediaClass`, `coatt:excludesDBpediaClass`): `PER` ↔ `dbo:Person`, `LOC` ↔ `dbo:Place`,
/// `ORG` ↔ `dbo:Organisation`, `OTHER` ↔ `owl:Thing` minus those three.
///
/// The entity's classes must be closed under the ontology's `rdfs:subClassOf` by the caller, so
/// that an entity typed `dbo:SoccerPlayer` also carries `dbo:Person` and `owl:Thing`.
public struct TypeAgreement: Sendable {
    private let classesByType: [String: Set<String>]
    private let excludedByType: [String: Set<String>]

    /// - Parameters:
    ///   - classesByType: NER type label → the classes whose instances it covers.
    ///   - excludedByType: NER type label → classes whose instances it does not cover although an
    ///     included class does (`OTHER` excludes persons, places and organisations).
    public init(classesByType: [String: Set<String>], excludedByType: [String: Set<String>]) {
        self.classesByType = classesByType
        self.excludedByType = excludedByType
    }

    /// Whether an entity with `classes` agrees with NER `type`: `nil` when unknown (the type has no
    /// mapping or the entity no class), `false` when it has an excluded class or no included one.
    public func agrees(type: String, classes: Set<String>) -> Bool? {
        guard let included = classesByType[type], !classes.isEmpty else { return nil }
        if let excluded = excludedByType[type], !classes.isDisjoint(with: excluded) { return false }
        return !classes.isDisjoint(with: included)
    }
}
