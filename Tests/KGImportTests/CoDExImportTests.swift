import XCTest
import RDFModel
@testable import KGImport

final class CoDExImportTests: XCTestCase {
    private func codex(_ f: Fixture) throws -> URL {
        try f.folder("codex-meta", [
            "relations-en.json": #"{"P19": {"label": "place of birth", "description": "most specific known birth location"}, "P27": {"label": "country of citizenship", "description": ""}, "P999": {"label": "unused"}}"#,
            "types-en.json": #"{"Q5": {"label": "human", "description": "common name of Homo sapiens", "wiki": "https://en.wikipedia.org/wiki/Human"}, "Q515": {"label": "city", "description": "large permanent human settlement", "wiki": ""}, "Q6256": {"label": "country", "description": "distinct region in geography"}, "Q999": {"label": "unused type"}}"#,
            "entity2types.json": #"{"Q937": ["Q5"], "Q3012": ["Q515", "Q1549591"], "Q183": ["Q6256", "Q3624078"], "Q42": ["Q5"]}"#,
        ])
        return try f.folder("codex-s", [
            "train.txt": "Q937\tP19\tQ3012\nQ937\tP27\tQ183\n",
            "valid.txt": "Q3012\tP17\tQ183\n",
            "test.txt": "",
        ])
    }

    private let map = [
        "http://www.wikidata.org/entity/Q5": ["http://dbpedia.org/ontology/Person"],
        "http://www.wikidata.org/entity/Q515": ["http://dbpedia.org/ontology/City", "http://dbpedia.org/ontology/Settlement"],
        "http://www.wikidata.org/entity/Q1549591": ["http://dbpedia.org/ontology/City"],
        "http://www.wikidata.org/entity/Q6256": ["http://dbpedia.org/ontology/Country"],
    ]

    func testFactsTypesMappingAndLabels() throws {
        let f = try Fixture()
        let importer = try KGImporter(directory: codex(f), wikidataToDBpedia: map)  // finds ../codex-meta
        XCTAssertEqual(importer.kind, .codexS)
        let (quads, s) = try collect(importer)
        let l = importer.layout
        XCTAssertEqual(l.base, "https://w3id.org/coattkg/graph/kg/codex-s")
        XCTAssertEqual(quads.inGraph(.train, l).first,
                       Quad(.iri(wd + "Q937"), .iri(wdt + "P19"), .iri(wd + "Q3012"), graph: l.term(.train)))
        XCTAssertEqual(quads.inGraph(.valid, l).count, 1)
        XCTAssertEqual(quads.inGraph(.test, l).count, 0)

        // Types: the Wikidata ones as rdf:type, then each mapped DBpedia class once.
        XCTAssertEqual(quads.objects(wd + "Q937", rdfType, in: l.term(.entities)), [.iri(wd + "Q5"), .iri(dbo + "Person")])
        XCTAssertEqual(quads.objects(wd + "Q3012", rdfType),
                       [.iri(wd + "Q515"), .iri(dbo + "City"), .iri(dbo + "Settlement"), .iri(wd + "Q1549591")])
        XCTAssertEqual(quads.objects(wd + "Q183", rdfType), [.iri(wd + "Q6256"), .iri(dbo + "Country"), .iri(wd + "Q3624078")])
        XCTAssertTrue(quads.objects(wd + "Q937", wdt + "P31").isEmpty, "typing is rdf:type, not wdt:P31")
        XCTAssertTrue(quads.objects(wd + "Q42", rdfType).isEmpty, "entities outside the extract are not typed")

        // Relation labels on wdt:P…, linked from wd:P…; unused relations skipped.
        let rel = l.term(.relations)
        XCTAssertEqual(quads.objects(wdt + "P19", rdfsLabel, in: rel), [en("place of birth")])
        XCTAssertEqual(quads.objects(wdt + "P19", rdfsComment, in: rel), [en("most specific known birth location")])
        XCTAssertEqual(quads.objects(wdt + "P27", rdfsComment), [], "empty descriptions are skipped")
        XCTAssertEqual(quads.objects(wd + "P19", "http://wikiba.se/ontology#directClaim"), [.iri(wdt + "P19")])
        XCTAssertEqual(quads.objects(wd + "P17", "http://wikiba.se/ontology#directClaim"), [.iri(wdt + "P17")])
        XCTAssertEqual(quads.objects(wdt + "P17", rdfsLabel), [], "no label known")
        XCTAssertEqual(quads.objects(wdt + "P999", rdfsLabel), [])

        // Type labels for the types used; no entity labels.
        XCTAssertEqual(quads.objects(wd + "Q5", rdfsLabel), [en("human")])
        XCTAssertEqual(quads.objects(wd + "Q515", rdfsComment), [en("large permanent human settlement")])
        XCTAssertEqual(quads.objects(wd + "Q999", rdfsLabel), [])
        XCTAssertEqual(quads.objects(wd + "Q937", rdfsLabel), [])

        XCTAssertEqual(s.entities, 3)
        XCTAssertEqual(s.relations, 3)
        XCTAssertEqual(s.typeAssertions, 5 + 4)  // Wikidata types + mapped (dbo:City once for Q3012)
        XCTAssertEqual(s.mappedTypeAssertions, 4)
        XCTAssertEqual(s.labels, 2 + 3)
        XCTAssertEqual(s.totalQuads, quads.count)
    }

    func testWithoutMetadata() throws {
        let f = try Fixture()
        let dir = try codex(f)
        try FileManager.default.removeItem(at: f.root.appendingPathComponent("codex-meta"))
        let (quads, s) = try collect(KGImporter(kind: .codexS, directory: dir))
        XCTAssertEqual(quads.count, 3)
        XCTAssertEqual(s.absentOptionalFiles.count, 3)
    }

    func testExplicitMetaDirectoryMustBeComplete() throws {
        let f = try Fixture()
        let dir = try codex(f)
        let meta = f.root.appendingPathComponent("codex-meta")
        try FileManager.default.removeItem(at: meta.appendingPathComponent("types-en.json"))
        XCTAssertThrowsError(try collect(KGImporter(kind: .codexS, directory: dir, metaDirectory: meta))) {
            guard case KGImportError.missingFile(let p) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(p.hasSuffix("types-en.json"))
        }
    }

    func testClassMapFromEquivalentClass() {
        let eq = RDFTerm.iri(Vocabulary.owlEquivalentClass)
        let map = KGImporter.wikidataToDBpediaMap(from: [
            Quad(.iri(dbo + "Person"), eq, .iri(wd + "Q5")),
            Quad(.iri(dbo + "Person"), eq, .iri("http://xmlns.com/foaf/0.1/Person")),
            Quad(.iri(wd + "Q5"), eq, .iri(dbo + "Human")),
            Quad(.iri(dbo + "Person"), eq, .iri(wd + "Q5"), graph: .iri("http://g")),
            Quad(.iri(dbo + "City"), .iri(rdfsLabel), .iri(wd + "Q515")),
        ])
        XCTAssertEqual(map, [wd + "Q5": [dbo + "Person", dbo + "Human"]])
    }
}
