import Foundation

/// The tests an engine is allowed to fail, each with a reason, as kept in a text file:
/// one test id per line followed by `# reason`; blank lines and lines starting with `#` are comments.
public struct ExpectedFailures: Sendable, Equatable {
    /// Reason per test id.
    public var reasons: [String: String]

    /// Parses the file format described above.
    public init(parsing text: String) {
        reasons = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            guard let id = parts.first?.trimmingCharacters(in: .whitespaces), !id.isEmpty else { continue }
            reasons[id] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
    }

    /// Reads the file at `url`.
    public init(contentsOf url: URL) throws {
        self.init(parsing: try String(contentsOf: url, encoding: .utf8))
    }

    /// The file listing every failure in `report` with its categorised reason, under a comment header.
    public static func fileText(for report: ConformanceReport, header: [String]) -> String {
        let failures = report.outcomes.filter(\.isFailure)
        let width = failures.map(\.test.id.count).max() ?? 0
        var text = header.map { "# \($0)\n" }.joined()
        for outcome in failures {
            text += outcome.test.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  # " + FailureCategory.describe(outcome) + "\n"
        }
        return text
    }

    /// Where `report` disagrees with this list.
    public func check(_ report: ConformanceReport) -> ExpectedFailureCheck {
        let ids = Set(report.outcomes.map(\.test.id))
        return ExpectedFailureCheck(
            unexpectedFailures: report.outcomes.filter { $0.isFailure && reasons[$0.test.id] == nil },
            unexpectedPasses: report.outcomes.filter { $0.status == .pass && reasons[$0.test.id] != nil }.map(\.test.id),
            unknownIDs: reasons.keys.filter { !ids.contains($0) }.sorted())
    }
}

/// Disagreements between a run and its expected-failures list.
public struct ExpectedFailureCheck: Sendable {
    /// Tests that failed but are not listed: regressions.
    public var unexpectedFailures: [TestOutcome]
    /// Listed tests that now pass: the list should lose them.
    public var unexpectedPasses: [String]
    /// Listed ids that no manifest defines: typos or tests that were renamed.
    public var unknownIDs: [String]

    /// Whether the run matches the list exactly.
    public var isClean: Bool { unexpectedFailures.isEmpty && unexpectedPasses.isEmpty && unknownIDs.isEmpty }
}
