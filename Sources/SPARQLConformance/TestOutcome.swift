import Foundation

/// How a test ended.
public enum TestStatus: String, Sendable, CaseIterable {
    /// The engine's results equal the expected results.
    case pass
    /// The engine answered, but with different results.
    case fail
    /// The engine exited non-zero, crashed, or printed unreadable results.
    case error
    /// The engine ran past the time limit and was killed.
    case timeout
    /// The test needs something no engine here offers (entailment, SERVICE); not run.
    case skipped
}

/// The result of running one test.
public struct TestOutcome: Sendable {
    /// The test that ran.
    public var test: ConformanceTest
    /// How it ended.
    public var status: TestStatus
    /// Why it did not pass (the first difference, the engine's error, …); nil for a pass.
    public var reason: String?
    /// Wall-clock time spent on the test.
    public var duration: TimeInterval

    /// Whether the test counts against the engine (failed, errored or timed out).
    public var isFailure: Bool { status == .fail || status == .error || status == .timeout }

    /// `PASS id`, or `FAIL id: reason`, with the test's approval/requirements when relevant.
    public var line: String {
        var text = "\(status.rawValue.uppercased()) \(test.id)"
        if let reason { text += ": \(reason)" }
        if status != .pass, !test.qualifiers.isEmpty { text += " [\(test.qualifiers)]" }
        return text
    }
}
