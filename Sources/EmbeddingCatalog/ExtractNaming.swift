import KGImport
import RDFModel

extension KGExtractKind {
    /// The IRI `coatt kg import` gives an entity of this extract, from its name in the files.
    public func entityIRI(_ name: String) -> String {
        usesWikidataIds ? Vocabulary.wikidataEntity + name : DBpediaNames.resourceIRI(name)
    }

    /// The IRI `coatt kg import` gives a relation of this extract.
    public func relationIRI(_ name: String) -> String {
        usesWikidataIds ? Vocabulary.wikidataDirect + name : DBpediaNames.ontologyIRI(name)
    }
}

/// How a trained model's entity and relation names become IRIs when it is kept with a store.
public struct EmbeddingNaming: Sendable {
    /// The IRI of an entity name.
    public let entity: @Sendable (String) -> String
    /// The IRI of a relation name.
    public let relation: @Sendable (String) -> String

    /// The names of an extract's files, mapped as `coatt kg import` maps them.
    public static func extract(_ kind: KGExtractKind) -> EmbeddingNaming {
        EmbeddingNaming(entity: kind.entityIRI, relation: kind.relationIRI)
    }

    /// Names that are IRIs already (models trained on graphs of the store).
    public static let iris = EmbeddingNaming(entity: { $0 }, relation: { $0 })
}
