import XCTest
@testable import KGImport

final class DBpediaNamesTests: XCTestCase {
    func testLabels() {
        XCTAssertEqual(DBpediaNames.label("Paris_(band)"), "Paris")
        XCTAssertEqual(DBpediaNames.label("Albert_Einstein"), "Albert Einstein")
        XCTAssertEqual(DBpediaNames.label("Princeton,_New_Jersey"), "Princeton, New Jersey")
        XCTAssertEqual(DBpediaNames.label("Republic_of_China_(1912–49)"), "Republic of China")
        XCTAssertEqual(DBpediaNames.label("Stephen_Wright_(English_footballer)"), "Stephen Wright")
        // Only a trailing qualifier, only one, nested parentheses matched.
        XCTAssertEqual(DBpediaNames.label("(Ain't_Nobody_Loves_You)_Like_I_Do"), "(Ain't Nobody Loves You) Like I Do")
        XCTAssertEqual(DBpediaNames.label("X_(a)_(b)"), "X (a)")
        XCTAssertEqual(DBpediaNames.label("Foo_(bar_(baz))"), "Foo")
        XCTAssertEqual(DBpediaNames.label("Sunn_O)))"), "Sunn O)))")
        XCTAssertEqual(DBpediaNames.label("(film)"), "(film)")
        XCTAssertEqual(DBpediaNames.label("$_(film)"), "$")
        XCTAssertEqual(DBpediaNames.label("Ox(band)"), "Ox(band)")  // no space before the qualifier
        // Percent-encoded names (DB100K) are decoded for the label.
        XCTAssertEqual(DBpediaNames.label("%22Heroes%22_(David_Bowie_album)"), "\"Heroes\"")
        XCTAssertEqual(DBpediaNames.label("Saarbr%C3%BCcken"), "Saarbrücken")
    }

    func testResourceIRIs() {
        let r = "http://dbpedia.org/resource/"
        XCTAssertEqual(DBpediaNames.resourceIRI("Albert_Einstein"), r + "Albert_Einstein")
        XCTAssertEqual(DBpediaNames.resourceIRI("Princeton,_New_Jersey"), r + "Princeton,_New_Jersey")
        XCTAssertEqual(DBpediaNames.resourceIRI("Paris_(band)"), r + "Paris_(band)")
        XCTAssertEqual(DBpediaNames.resourceIRI("'Cause_I'm_a_Man"), r + "'Cause_I'm_a_Man")
        XCTAssertEqual(DBpediaNames.resourceIRI("AT&T"), r + "AT&T")
        XCTAssertEqual(DBpediaNames.resourceIRI("1._FC_Saarbrücken"), r + "1._FC_Saarbrücken")
        // Characters illegal in IRIs, and those that would end the path, are encoded.
        XCTAssertEqual(DBpediaNames.resourceIRI("a b<c>\"d{e}|f\\g^h`i"),
                       r + "a%20b%3Cc%3E%22d%7Be%7D%7Cf%5Cg%5Eh%60i")
        XCTAssertEqual(DBpediaNames.resourceIRI("Why?_(band)"), r + "Why%3F_(band)")
        XCTAssertEqual(DBpediaNames.resourceIRI("C#"), r + "C%23")
        // Percent-encoded input is normalised to the same IRI as the raw form.
        XCTAssertEqual(DBpediaNames.resourceIRI("Saarbr%C3%BCcken"), r + "Saarbrücken")
        XCTAssertEqual(DBpediaNames.resourceIRI("%26TV"), r + "&TV")
        XCTAssertEqual(DBpediaNames.resourceIRI("It%27s"), DBpediaNames.resourceIRI("It's"))
        XCTAssertEqual(DBpediaNames.resourceIRI("%22Heroes%22"), r + "%22Heroes%22")
        XCTAssertEqual(DBpediaNames.resourceIRI("Why%3F"), r + "Why%3F")
        XCTAssertEqual(DBpediaNames.resourceIRI("100%25_Pure"), r + "100%25_Pure")
        // A '%' that is no escape is a literal percent sign.
        XCTAssertEqual(DBpediaNames.resourceIRI("100%_Pure"), r + "100%25_Pure")
        // Escapes that do not decode to UTF-8 are not decoded.
        XCTAssertEqual(DBpediaNames.resourceIRI("a%FFb"), r + "a%25FFb")
    }

    func testOntologyIRIs() {
        XCTAssertEqual(DBpediaNames.ontologyIRI("birthPlace"), "http://dbpedia.org/ontology/birthPlace")
        XCTAssertEqual(DBpediaNames.ontologyIRI("MusicalArtist"), "http://dbpedia.org/ontology/MusicalArtist")
        XCTAssertEqual(DBpediaNames.ontologyIRI("http://schema.org/Movie"), "http://schema.org/Movie")
    }

    func testKindDetection() {
        XCTAssertEqual(KGExtractKind(folderName: "dbpedia50"), .dbpedia50)
        XCTAssertEqual(KGExtractKind(folderName: "DBpedia50"), .dbpedia50)
        XCTAssertEqual(KGExtractKind(folderName: "DB100K"), .db100k)
        XCTAssertEqual(KGExtractKind(folderName: "codex-s"), .codexS)
        XCTAssertEqual(KGExtractKind(folderName: "CoDEx_M"), .codexM)
        XCTAssertNil(KGExtractKind(folderName: "codex-meta"))
        XCTAssertNil(KGExtractKind(folderName: "twitter2015"))
        XCTAssertEqual(KGExtractKind(directory: URL(fileURLWithPath: "/data/kg/codex-m/")), .codexM)
        XCTAssertThrowsError(try KGImporter(directory: URL(fileURLWithPath: "/data/kg/fb15k")))
    }

    func testGraphLayout() {
        let l = KGGraphLayout(kind: .codexM)
        XCTAssertEqual(l.iri(.train), "https://w3id.org/coattkg/graph/kg/codex-m/train")
        XCTAssertEqual(l.iri(.entities), "https://w3id.org/coattkg/graph/kg/codex-m/entities")
        XCTAssertEqual(l.iri(.entitiesInferred), "https://w3id.org/coattkg/graph/kg/codex-m/entities-inferred")
        let custom = KGGraphLayout(kind: .codexM, base: "http://example.org/g/")
        XCTAssertEqual(custom.iri(.test), "http://example.org/g/test")
    }
}
