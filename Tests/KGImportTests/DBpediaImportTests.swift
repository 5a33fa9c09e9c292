import XCTest
import RDFModel
@testable import KGImport

final class DBpediaImportTests: XCTestCase {
    private func dbpedia50(_ f: Fixture, extra: [String: String] = [:]) throws -> URL {
        var files = [
            "train.txt": """
                Albert_Einstein\tdeathPlace\tPrinceton,_New_Jersey
                Albert_Einstein\taward\tNobel_Prize_in_Physics
                Paris_(band)\tgenre\tIndie_rock
                Albert_Einstein\tdeathPlace\tPrinceton,_New_Jersey

                """,
            "valid.txt": "Paris_(band)\thometown\tParis\n",
            "test.txt": "Albert_Einstein\tbirthPlace\tUlm",  // no final newline
            "entity-classes.csv": """
                entity,classes
                Albert_Einstein,{'Scientist'}
                "Princeton,_New_Jersey","{'Settlement', 'Location'}"
                Paris_(band),{'Band'}
                Ulm,set()
                Only_Classified,{'Person'}

                """,
            "entity-classes-inferred.csv": """
                entity,classes
                Albert_Einstein,"{'http://dbpedia.org/ontology/Scientist', 'http://www.wikidata.org/entity/Q5'}"

                """,
            "relation-domains-ranges.csv": """
                relation,domains,ranges
                deathPlace,{'http://dbpedia.org/ontology/Person'},"{'http://dbpedia.org/ontology/Place', 'http://dbpedia.org/ontology/Location'}"
                genre,set(),set()

                """,
        ]
        files.merge(extra) { $1 }
        return try f.folder("dbpedia50", files)
    }

    func testDBpedia50Mapping() throws {
        let f = try Fixture()
        let importer = try KGImporter(directory: dbpedia50(f))
        XCTAssertEqual(importer.kind, .dbpedia50)
        let (quads, s) = try collect(importer)
        let l = importer.layout
        let train = quads.inGraph(.train, l)
        XCTAssertEqual(train.count, 3, "the repeated line is emitted once")
        XCTAssertEqual(train.first, Quad(.iri(dbr + "Albert_Einstein"), .iri(dbo + "deathPlace"),
                                         .iri(dbr + "Princeton,_New_Jersey"), graph: l.term(.train)))
        XCTAssertEqual(quads.inGraph(.valid, l).count, 1)
        XCTAssertEqual(quads.inGraph(.test, l).map(\.object), [.iri(dbr + "Ulm")])

        let entities = l.term(.entities)
        XCTAssertEqual(quads.objects(dbr + "Paris_(band)", rdfsLabel), [en("Paris")])
        XCTAssertEqual(quads.objects(dbr + "Albert_Einstein", rdfsLabel), [en("Albert Einstein")])
        XCTAssertEqual(quads.objects(dbr + "Princeton,_New_Jersey", rdfsLabel), [en("Princeton, New Jersey")])
        XCTAssertEqual(quads.objects(dbr + "Only_Classified", rdfsLabel), [en("Only Classified")])
        XCTAssertEqual(quads.objects(dbr + "Princeton,_New_Jersey", rdfType, in: entities),
                       [.iri(dbo + "Settlement"), .iri(dbo + "Location")])
        XCTAssertEqual(quads.objects(dbr + "Ulm", rdfType), [])
        XCTAssertEqual(quads.objects(dbr + "Albert_Einstein", rdfType, in: l.term(.entitiesInferred)),
                       [.iri(dbo + "Scientist"), .iri(wd + "Q5")])
        XCTAssertEqual(quads.objects(dbo + "deathPlace", "http://schema.org/rangeIncludes", in: l.term(.relations)),
                       [.iri(dbo + "Place"), .iri(dbo + "Location")])
        XCTAssertTrue(quads.allSatisfy { $0.graph != nil })

        // Each entity labelled once: 8 distinct entities.
        XCTAssertEqual(s.entities, 8)
        XCTAssertEqual(s.labels, 8)
        XCTAssertEqual(s.relations, 5)
        XCTAssertEqual(s.typeAssertions, 5 + 2)
        XCTAssertEqual(s.duplicateFacts, 1)
        XCTAssertEqual(s.factLines, [.train: 4, .valid: 1, .test: 1])
        XCTAssertEqual(s.quads(in: .train), 3)
        XCTAssertEqual(s.quads(in: .relations), 3)
        XCTAssertEqual(s.totalQuads, quads.count)
        XCTAssertEqual(s.quadsPerGraphIRI[l.iri(.entities)], 8 + 5)
        XCTAssertEqual(s.absentOptionalFiles, [])
    }

    func testOptionalFilesAndGraphBase() throws {
        let f = try Fixture()
        let dir = try dbpedia50(f)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("entity-classes-inferred.csv"))
        var importer = KGImporter(kind: .dbpedia50, directory: dir, graphBase: "http://example.org/kg/")
        let (quads, s) = try collect(importer)
        XCTAssertEqual(s.absentOptionalFiles.map { URL(fileURLWithPath: $0).lastPathComponent }, ["entity-classes-inferred.csv"])
        XCTAssertTrue(quads.contains { $0.graph == .iri("http://example.org/kg/train") })
        XCTAssertEqual(s.quads(in: .entitiesInferred), 0)

        importer.includeInferredClasses = false
        _ = try collect(importer)
    }

    func testDB100KSameAsAndEncodedNames() throws {
        let f = try Fixture()
        let dir = try f.folder("db100k", [
            "valid.txt": "Boston\tisPartOf\tKingdom_of_Great_Britain\n%22Heroes%22_(David_Bowie_album)\trecordLabel\tRCA_Records\n",
            "test.txt": "Saarbr%C3%BCcken\tcountry\tGermany\n",
            "entity-classes.csv": "entity,classes\nBoston,\"{'City', 'Settlement'}\"\n\"Neosho,_Missouri\",{'City'}\n",
            "wikidata-to-dbpedia.csv": "entity,dbpedia\nQ100,Boston\nQ1000065,\"Neosho,_Missouri\"\nQ3084,Saarbrücken\n",
        ])
        let importer = try KGImporter(directory: dir)
        let (quads, s) = try collect(importer)
        XCTAssertEqual(quads.objects(dbr + "Boston", owlSameAs), [.iri(wd + "Q100")])
        XCTAssertEqual(quads.objects(dbr + "Neosho,_Missouri", owlSameAs), [.iri(wd + "Q1000065")])
        // The encoded and the raw spelling are one entity, labelled once.
        XCTAssertEqual(quads.objects(dbr + "Saarbrücken", owlSameAs), [.iri(wd + "Q3084")])
        XCTAssertEqual(quads.objects(dbr + "Saarbrücken", rdfsLabel), [en("Saarbrücken")])
        XCTAssertEqual(quads.objects(dbr + "%22Heroes%22_(David_Bowie_album)", rdfsLabel), [en("\"Heroes\"")])
        XCTAssertEqual(s.sameAsLinks, 3)
        XCTAssertEqual(s.entities, 7)
        XCTAssertEqual(s.quads(in: .train), 0)
        XCTAssertEqual(s.absentOptionalFiles.map { URL(fileURLWithPath: $0).lastPathComponent }, ["train.txt"])
        // Every IRI serialises to valid N-Quads without escapes.
        XCTAssertFalse(quads.contains { $0.nquads.contains("\\u") })
    }
}
