import Foundation

/// The outcomes of one conformance run, with summaries for people.
public struct ConformanceReport: Sendable {
    /// Name of the engine that ran.
    public var engine: String
    /// One outcome per test, in manifest order.
    public var outcomes: [TestOutcome]
    /// Wall-clock time of the whole run, manifests included.
    public var duration: TimeInterval

    /// Creates a report from outcomes.
    public init(engine: String, outcomes: [TestOutcome], duration: TimeInterval) {
        self.engine = engine
        self.outcomes = outcomes
        self.duration = duration
    }

    /// How many tests ended with `status`.
    public func count(_ status: TestStatus) -> Int {
        outcomes.count { $0.status == status }
    }

    /// Tallies per manifest folder, folders in manifest order.
    public func perFolder() -> [FolderSummary] {
        var order: [String] = []
        var tallies: [String: [TestStatus: Int]] = [:]
        for outcome in outcomes {
            if tallies[outcome.test.folder] == nil { order.append(outcome.test.folder) }
            tallies[outcome.test.folder, default: [:]][outcome.status, default: 0] += 1
        }
        return order.map { FolderSummary(folder: $0, counts: tallies[$0]!) }
    }

    /// Totals, then one line per folder.
    public func summary() -> String {
        let width = max(6, outcomes.map(\.test.folder.count).max() ?? 0)
        var text = "\(engine): \(Self.tally(FolderSummary(folder: "", counts: outcomes.reduce(into: [:]) { $0[$1.status, default: 0] += 1 })))"
        let csvTests = outcomes.count { $0.test.expected.resultsFile?.pathExtension.lowercased() == "csv" }
        let updateTests = outcomes.count { $0.test.expected.resultsFile == nil }
        text += " — \(outcomes.count) evaluation tests (\(outcomes.count - csvTests - updateTests) mf:QueryEvaluationTest, "
            + "\(csvTests) mf:CSVResultFormatTest, \(updateTests) mf:UpdateEvaluationTest)"
        text += String(format: ", %.1f s\n", duration)
        for folder in perFolder() {
            text += folder.folder.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + Self.tally(folder) + "\n"
        }
        return text
    }

    /// One line per test (`PASS id`, `FAIL id: reason`, …), in manifest order.
    public func testLines() -> String {
        outcomes.map { $0.line + "\n" }.joined()
    }

    /// `passed 12/14 (fail 1, error 1)`: passes out of the tests that ran, then what went wrong.
    private static func tally(_ folder: FolderSummary) -> String {
        let ran = folder.total - folder.count(.skipped)
        var text = "passed \(folder.count(.pass))/\(ran)"
        let others = TestStatus.allCases.filter { $0 != .pass && folder.count($0) > 0 }.map { "\($0.rawValue) \(folder.count($0))" }
        if !others.isEmpty { text += " (" + others.joined(separator: ", ") + ")" }
        return text
    }
}

/// How the tests of one manifest folder ended.
public struct FolderSummary: Sendable, Equatable {
    /// The folder relative to the suite root, e.g. `sparql11/aggregates`.
    public var folder: String
    /// Number of tests per status (missing statuses are zero).
    public var counts: [TestStatus: Int]

    /// Tests with `status`.
    public func count(_ status: TestStatus) -> Int { counts[status, default: 0] }

    /// All tests in the folder.
    public var total: Int { counts.values.reduce(0, +) }
}
