import EntityLinking
import Tensors

/// A hand-made KG of seven entities: two `Paris` homonyms with their neighbours, a football manager
/// and club, and a song also called `Paris`; 4-d vectors put each topic on its own axis.
enum LinkingFixture {
    static let dbo = "http://dbpedia.org/ontology/", dbr = "http://dbpedia.org/resource/"
    static let thing = "http://www.w3.org/2002/07/owl#Thing"

    /// A slice of the DBpedia ontology's `rdfs:subClassOf`.
    static let ontology = ClassClosure(subClassOf: [
        (dbo + "City", dbo + "Settlement"), (dbo + "Settlement", dbo + "PopulatedPlace"), (dbo + "PopulatedPlace", dbo + "Place"),
        (dbo + "Building", dbo + "ArchitecturalStructure"), (dbo + "ArchitecturalStructure", dbo + "Place"),
        (dbo + "Place", thing), (dbo + "Person", dbo + "Agent"), (dbo + "Agent", thing),
        (dbo + "SoccerManager", dbo + "Person"), (dbo + "SoccerClub", dbo + "Organisation"), (dbo + "Organisation", dbo + "Agent"),
        (dbo + "Song", dbo + "MusicalWork"), (dbo + "MusicalWork", dbo + "Work"), (dbo + "Work", thing),
    ])

    /// The NER types as `Ontologies/coattkg.ttl` maps them.
    static let types = TypeAgreement(
        classesByType: ["PER": [dbo + "Person"], "LOC": [dbo + "Place"], "ORG": [dbo + "Organisation"], "OTHER": [thing]],
        excludedByType: ["OTHER": [dbo + "Person", dbo + "Place", dbo + "Organisation"]])

    static let entities: [(iri: String, degree: Int, asserted: [String], vector: [Float]?)] = [
        (dbr + "Paris", 50, [dbo + "City"], [1, 0, 0, 0]),
        (dbr + "Paris_Hilton", 60, [dbo + "Person"], [0, 1, 0, 0]),
        (dbr + "Eiffel_Tower", 10, [dbo + "Building"], [0.9, 0.1, 0.1, 0]),
        (dbr + "Nicky_Hilton", 5, [dbo + "Person"], [0.1, 0.9, 0, 0.1]),
        (dbr + "José_Mourinho", 30, [dbo + "SoccerManager"], [0, 0, 1, 0]),
        (dbr + "Manchester_United_F.C.", 80, [dbo + "SoccerClub"], [0, 0, 0.9, 0.3]),
        (dbr + "Paris_(song)", 1, [dbo + "Song"], nil),
    ]

    static let labels: [(label: String, entity: Int)] = [
        ("Paris", 0), ("Paris Hilton", 1), ("Paris", 1), ("Eiffel Tower", 2), ("Tour Eiffel", 2), ("Nicky Hilton", 3),
        ("José Mourinho", 4), ("Manchester United F.C.", 5), ("Man United", 5), ("Paris", 6),
    ]

    static func index(labels: [(label: String, entity: Int)] = labels) -> EntityIndex {
        var rows: [Float] = [], rowCount = 0
        let entities = entities.map { entity in
            var row: Int?
            if let vector = entity.vector {
                row = rowCount
                rows += vector
                rowCount += 1
            }
            return EntityIndex.Entity(iri: entity.iri, degree: entity.degree, classes: ontology.closure(of: entity.asserted), vectorRow: row)
        }
        return EntityIndex(entities: entities, labels: labels, vectors: Tensor(shape: [rowCount, 4], values: rows))
    }

    static func mention(_ text: String, _ type: String) -> Mention {
        Mention(text: text, type: type, begin: 0, end: text.unicodeScalars.count, confidence: 0.9)
    }
}
