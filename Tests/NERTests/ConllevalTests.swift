import NER
import XCTest

final class ConllevalTests: XCTestCase {
    func testChunksFollowConllevalsStartAndEndRules() {
        XCTAssertEqual(Conlleval.chunks(["B-PER", "I-PER", "O", "B-LOC"]),
                       [.init(type: "PER", start: 0, end: 2), .init(type: "LOC", start: 3, end: 4)])
        XCTAssertEqual(Conlleval.chunks(["O", "I-ORG", "I-ORG"]), [.init(type: "ORG", start: 1, end: 3)],
                       "an I- after O starts a chunk")
        XCTAssertEqual(Conlleval.chunks(["I-PER"]), [.init(type: "PER", start: 0, end: 1)], "an I- at the start opens a chunk")
        XCTAssertEqual(Conlleval.chunks(["B-PER", "I-LOC", "I-LOC"]),
                       [.init(type: "PER", start: 0, end: 1), .init(type: "LOC", start: 1, end: 3)],
                       "a type change mid-span ends one chunk and starts another")
        XCTAssertEqual(Conlleval.chunks(["B-PER", "B-PER", "I-PER"]),
                       [.init(type: "PER", start: 0, end: 1), .init(type: "PER", start: 1, end: 3)])
        XCTAssertEqual(Conlleval.chunks(["O", "O"]), [])
    }

    func testScoresMatchOnTypeAndBothBoundaries() {
        let gold = [["B-PER", "I-PER", "O", "B-LOC", "O"], ["B-ORG", "O", "B-OTHER", "I-OTHER"]]
        let predicted = [["B-PER", "O", "O", "B-LOC", "O"], ["B-ORG", "O", "I-OTHER", "I-OTHER"]]
        let report = Conlleval.evaluate(gold: gold, predicted: predicted)
        // PER's right boundary is wrong; LOC, ORG and OTHER (an I- start after O) match.
        XCTAssertEqual(report.overall, Conlleval.Scores(predicted: 4, gold: 4, correct: 3))
        XCTAssertEqual(report.overall.precision, 75, accuracy: 1e-9)
        XCTAssertEqual(report.overall.recall, 75, accuracy: 1e-9)
        XCTAssertEqual(report.overall.f1, 75, accuracy: 1e-9)
        XCTAssertEqual(report.byType["PER"], Conlleval.Scores(predicted: 1, gold: 1, correct: 0))
        XCTAssertEqual(report.byType["OTHER"], Conlleval.Scores(predicted: 1, gold: 1, correct: 1))
        XCTAssertEqual(report.correctTags, 7)
        XCTAssertEqual(report.tagCount, 9)
    }

    /// conlleval's bookkeeping: a wrong type is a false positive and a false negative, a type
    /// only predicted gets precision 0, and F1 is 0 when nothing is correct.
    func testWrongTypesAndUnpredictedTypes() {
        let report = Conlleval.evaluate(gold: [["B-PER", "I-PER", "O"]], predicted: [["B-ORG", "I-ORG", "B-LOC"]])
        XCTAssertEqual(report.overall, Conlleval.Scores(predicted: 2, gold: 1, correct: 0))
        XCTAssertEqual(report.overall.f1, 0)
        XCTAssertEqual(report.byType["LOC"]?.precision, 0)
        XCTAssertEqual(report.byType["PER"]?.recall, 0)
        XCTAssertEqual(Set(report.byType.keys), ["PER", "ORG", "LOC"])
    }

    /// Precision 2/3, recall 2/4: F1 = 2·(200/3)·50 / (200/3 + 50) = 57.142857…
    func testF1IsTheHarmonicMean() {
        let gold = [["B-PER", "O", "B-LOC", "O", "B-ORG", "B-OTHER"]]
        let predicted = [["B-PER", "O", "B-LOC", "B-LOC", "O", "O"]]
        let scores = Conlleval.evaluate(gold: gold, predicted: predicted).overall
        XCTAssertEqual(scores, Conlleval.Scores(predicted: 3, gold: 4, correct: 2))
        XCTAssertEqual(scores.f1, 400.0 / 7, accuracy: 1e-9)
    }
}
