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
