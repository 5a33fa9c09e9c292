import EntityLinking
import XCTest

final class EntityIndexTests: XCTestCase {
    let index = LinkingFixture.index()

    func iris(_ candidates: [(entity: Int, similarity: Float)]) -> [String] {
        candidates.map { index.entities[$0.entity].iri.replacingOccurrences(of: LinkingFixture.dbr, with: "") }
    }

    func testExactLabelsComeFirstBySimilarityOneThenDegree() {
        let candidates = index.candidates(for: "PARIS", limit: 10)
        XCTAssertEqual(Array(iris(candidates).prefix(3)), ["Paris_Hilton", "Paris", "Paris_(song)"])
        XCTAssertEqual(candidates.prefix(3).map(\.similarity), [1, 1, 1])
        XCTAssertEqual(index.exactCandidates(for: "paris"), [0, 1, 6])
        XCTAssertEqual(iris(index.candidates(for: "#JoseMourinho", limit: 10)).first, "José_Mourinho")
        XCTAssertEqual(index.candidates(for: "#JoseMourinho", limit: 10).first?.similarity, 1)
        XCTAssertEqual(iris(index.candidates(for: "@ManUnited", limit: 1)), ["Manchester_United_F.C."])
    }

    func testFuzzyLabelsCatchNearMissesBelowSimilarityOne() throws {
        let typo = index.candidates(for: "Eifel Tower", limit: 5)
        XCTAssertEqual(iris(typo).first, "Eiffel_Tower")
        // 0.6 × edit similarity 11/12: character near-misses rank under word runs of a label.
        XCTAssertEqual(try XCTUnwrap(typo.first?.similarity), 0.6 * 11 / 12, accuracy: 1e-6)
        XCTAssertEqual(iris(index.candidates(for: "Mourinho", limit: 5)), ["José_Mourinho"])
        // A surname is a word run of the label: 0.5 + 0.5 · 1/2 (above Dice 0.6 and edit 0.5).
        XCTAssertEqual(index.candidates(for: "Hilton", limit: 5).map(\.similarity), [0.75, 0.75])
        XCTAssertTrue(iris(index.candidates(for: "Hilton", limit: 5)).contains("Nicky_Hilton"))
        XCTAssertEqual(index.candidates(for: "Barcelona", limit: 5).count, 0)
        XCTAssertEqual(index.candidates(for: "#", limit: 5).count, 0)
        XCTAssertEqual(index.candidates(for: "Paris", limit: 2).count, 2)
        // A runaway span (a whole long post) cannot reach the Dice floor and returns at once.
        let longPost = String(repeating: "Paris Hilton and Nicky Hilton at the Eiffel Tower ", count: 2_000)
        let started = Date()
        XCTAssertEqual(index.candidates(for: longPost, limit: 5).count, 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testClassClosureAndTypeAgreement() {
        let types = LinkingFixture.types, dbo = LinkingFixture.dbo
        let city = LinkingFixture.ontology.closure(of: [dbo + "City"])
        XCTAssertEqual(city, [dbo + "City", dbo + "Settlement", dbo + "PopulatedPlace", dbo + "Place", LinkingFixture.thing])
        XCTAssertEqual(types.agrees(type: "LOC", classes: city), true)
        XCTAssertEqual(types.agrees(type: "PER", classes: city), false)
        XCTAssertEqual(types.agrees(type: "OTHER", classes: city), false)  // OTHER excludes places
        XCTAssertEqual(types.agrees(type: "OTHER", classes: LinkingFixture.ontology.closure(of: [dbo + "Song"])), true)
        XCTAssertEqual(types.agrees(type: "ORG", classes: LinkingFixture.ontology.closure(of: [dbo + "SoccerClub"])), true)
        XCTAssertNil(types.agrees(type: "PER", classes: []))
        XCTAssertNil(types.agrees(type: "MISC", classes: city))
    }
}
