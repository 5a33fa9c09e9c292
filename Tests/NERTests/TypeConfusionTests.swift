import NER
import XCTest

final class TypeConfusionTests: XCTestCase {
    func testCountsTypesOfSpansWithTheSameBoundariesAndTheMissedAndSpuriousOnes() {
        let gold = [["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]]
        let predicted = [["B-PER", "I-PER", "O", "B-ORG", "B-OTHER", "O"]]
        let confusion = TypeConfusion(gold: gold, predicted: predicted)
        XCTAssertEqual(confusion.counts["PER"], ["PER": 1])
        XCTAssertEqual(confusion.counts["LOC"], ["ORG": 1], "right span, wrong type")
        XCTAssertEqual(confusion.counts["ORG"], [TypeConfusion.none: 1], "missed")
        XCTAssertEqual(confusion.counts[TypeConfusion.none], ["OTHER": 1], "spurious")
        XCTAssertTrue(confusion.table.contains("LOC"), confusion.table)
    }

    func testABoundaryErrorIsAMissAndASpuriousSpan() {
        let confusion = TypeConfusion(gold: [["B-PER", "I-PER"]], predicted: [["B-PER", "O"]])
        XCTAssertEqual(confusion.counts["PER"], [TypeConfusion.none: 1])
        XCTAssertEqual(confusion.counts[TypeConfusion.none], ["PER": 1])
    }
}
