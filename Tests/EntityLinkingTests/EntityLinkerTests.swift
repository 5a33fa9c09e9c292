import EntityLinking
import XCTest

final class EntityLinkerTests: XCTestCase {
    let linker = EntityLinker(index: LinkingFixture.index(), types: LinkingFixture.types)
    /// The same KG with no NER type mapped, so that only similarity, prior and coherence count.
    let untyped = EntityLinker(index: LinkingFixture.index(), types: TypeAgreement(classesByType: [:], excludedByType: [:]))

    func entity(_ linked: LinkedMention) -> String? {
        linked.entity?.replacingOccurrences(of: LinkingFixture.dbr, with: "")
    }

    func testTypeAgreementPicksTheHomonymOfTheNERType() {
        XCTAssertEqual(linker.link([LinkingFixture.mention("Paris", "LOC")]).map(entity), ["Paris"])
        XCTAssertEqual(linker.link([LinkingFixture.mention("Paris", "PER")]).map(entity), ["Paris_Hilton"])
        XCTAssertEqual(linker.link([LinkingFixture.mention("Paris", "OTHER")]).map(entity), ["Paris_(song)"])
        let linked = linker.link([LinkingFixture.mention("Paris", "LOC")])[0]
        XCTAssertTrue(linked.entityClasses.contains(LinkingFixture.dbo + "Place"))
        XCTAssertEqual(linked.entityClasses, linked.entityClasses.sorted())
    }

    func testCoherenceWithTheOtherMentionChangesTheWinner() {
        XCTAssertEqual(untyped.link([LinkingFixture.mention("Paris", "LOC")]).map(entity), ["Paris_Hilton"])  // higher degree
        XCTAssertEqual(untyped.link([LinkingFixture.mention("Paris", "LOC"), LinkingFixture.mention("Eiffel Tower", "LOC")]).map(entity),
                       ["Paris", "Eiffel_Tower"])
        XCTAssertEqual(untyped.link([LinkingFixture.mention("Nicky Hilton", "PER"), LinkingFixture.mention("Paris", "LOC")]).map(entity),
                       ["Nicky_Hilton", "Paris_Hilton"])
        var noCoherence = EntityLinker.Weights.defaults
        noCoherence.coherence = 0
        let blind = EntityLinker(index: LinkingFixture.index(), types: TypeAgreement(classesByType: [:], excludedByType: [:]), weights: noCoherence)
        XCTAssertEqual(blind.link([LinkingFixture.mention("Paris", "LOC"), LinkingFixture.mention("Eiffel Tower", "LOC")]).map(entity),
                       ["Paris_Hilton", "Eiffel_Tower"])
    }

    func testNILUnderTheThresholdAndConfidenceInTheUnitInterval() throws {
        // Every `Paris` disagrees with ORG, `Hilton` is only a fuzzy match of persons typed LOC, and
        // `Unknown Band` has no candidate (one post each: in one post, Paris Hilton and Nicky Hilton
        // would vouch for each other).
        let linked = [LinkingFixture.mention("Paris", "ORG"), LinkingFixture.mention("Hilton", "LOC"),
                      LinkingFixture.mention("Unknown Band", "ORG")].map { linker.link([$0])[0] }
        XCTAssertEqual(linked.map(entity), [nil, nil, nil])
        XCTAssertEqual(linked.map(\.linkingConfidence), [nil, nil, nil])
        XCTAssertEqual(linked.map(\.entityClasses), [[], [], []])
        XCTAssertEqual(linked.map(\.mention.text), ["Paris", "Hilton", "Unknown Band"])

        let clear = try XCTUnwrap(linker.link([LinkingFixture.mention("José Mourinho", "PER")])[0].linkingConfidence)
        let ambiguous = try XCTUnwrap(untyped.link([LinkingFixture.mention("Paris", "LOC")])[0].linkingConfidence)
        XCTAssertGreaterThan(clear, 0.9)
        XCTAssertLessThanOrEqual(clear, 1)
        XCTAssertLessThan(ambiguous, 0.6)
        XCTAssertGreaterThan(ambiguous, 0)

        var strict = EntityLinker.Weights.defaults
        strict.nilThreshold = 3
        let none = EntityLinker(index: LinkingFixture.index(), types: LinkingFixture.types, weights: strict)
        XCTAssertNil(none.link([LinkingFixture.mention("José Mourinho", "PER")])[0].entity)
    }

    func testLinkingIsDeterministicAndIndependentOfLabelOrder() {
        let post = [LinkingFixture.mention("Paris", "LOC"), LinkingFixture.mention("@ManUnited", "ORG"),
                    LinkingFixture.mention("Mourinho", "PER"), LinkingFixture.mention("Hilton", "PER")]
        let first = linker.link(post)
        let reversed = EntityLinker(index: LinkingFixture.index(labels: LinkingFixture.labels.reversed()), types: LinkingFixture.types)
        for other in [linker.link(post), reversed.link(post)] {
            XCTAssertEqual(other.map(\.entity), first.map(\.entity))
            XCTAssertEqual(other.map(\.linkingConfidence), first.map(\.linkingConfidence))
        }
        XCTAssertEqual(first.map(entity), ["Paris", "Manchester_United_F.C.", "José_Mourinho", "Paris_Hilton"])
    }
}
