import NER
import XCTest

final class GazetteerTests: XCTestCase {
    private let gazetteer = Gazetteer(labels: [
        (label: "New York", entity: 0), (label: "New York City", entity: 1), (label: "York", entity: 2),
        (label: "Barack Obama", entity: 3), (label: "CNN", entity: 4), (label: "José Mourinho", entity: 5),
        (label: "Paris", entity: 6), (label: "Paris", entity: 7), (label: "Paris", entity: 6),
        (label: "The", entity: 8), (label: "I", entity: 9), (label: "RT", entity: 10), (label: "The The", entity: 11),
        (label: "Today", entity: 12),
    ])

    func testLongestMatchWinsAndMatchesDoNotOverlap() {
        XCTAssertEqual(gazetteer.match(words: ["I", "love", "New", "York", "City", "and", "York"]),
                       [[], [], [1], [1], [1], [], [2]])
        XCTAssertEqual(gazetteer.match(words: ["new", "york", "York", "City"]), [[0], [0], [2], []])
    }

    func testMatchingIgnoresCaseAccentsAndOneLeadingHashOrAt() {
        XCTAssertEqual(gazetteer.match(words: ["#Barack", "OBAMA", "@CNN", "##CNN", "jose", "MOURINHO"]),
                       [[3], [3], [4], [], [5], [5]], "'##CNN' keeps one '#' and matches nothing")
        XCTAssertEqual(gazetteer.match(words: ["#", "@", ""]), [[], [], []])
    }

    func testEntitiesSharingALabelAreAllReturnedOnce() {
        XCTAssertEqual(gazetteer.match(words: ["Paris"]), [[6, 7]])
    }

    func testStopWordAndShortLabelsAreSkippedAndSingleWordsNeedACapital() {
        XCTAssertEqual(gazetteer.match(words: ["RT", "The", "The", "I", "Today", "today"]), [[], [], [], [], [12], []])
        XCTAssertEqual(gazetteer.labelCount, 8)
        let caseless = Gazetteer(labels: [(label: "Today", entity: 0)], requireCapitalForSingleWords: false)
        XCTAssertEqual(caseless.match(words: ["today"]), [[0]])
    }

    func testNormalisation() {
        XCTAssertEqual(LabelNormalization.word("#NewYork"), "newyork")
        XCTAssertEqual(LabelNormalization.word("Beyoncé"), "beyonce")
        XCTAssertEqual(LabelNormalization.word("ÉCOLE"), "ecole")
        XCTAssertEqual(LabelNormalization.word("@ΣΊΣΥΦΟΣ"), "σισυφοσ", "per scalar: a final sigma stays σ")
        XCTAssertEqual(LabelNormalization.words(ofLabel: " Princeton,  New\tJersey "), ["princeton", ",", "new", "jersey"])
        XCTAssertEqual(LabelNormalization.words(ofLabel: "Macy's Jay-Z #1"), ["macy", "'", "s", "jay-z", "1"])
    }
}
