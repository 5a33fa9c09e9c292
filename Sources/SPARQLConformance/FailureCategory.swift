import Foundation

/// Sorts failures into categories people can act on, for expected-failure files.
enum FailureCategory {
    /// `<category> — <reason>`, e.g. `query rejected (property paths) — exit status 1: … syntax error …`.
    static func describe(_ outcome: TestOutcome) -> String {
        "\(category(of: outcome)) — \((outcome.reason ?? "").prefix(300))"
    }

    /// What kind of failure it was, and the SPARQL feature involved when the query shows one.
    static func category(of outcome: TestOutcome) -> String {
        let reason = outcome.reason ?? ""
        let query = (try? String(contentsOf: outcome.test.query, encoding: .utf8)) ?? ""
        let kind: String
        switch outcome.status {
        case .timeout: kind = "timeout"
        case .error where reason.hasPrefix("crashed"): kind = "crash"
        case .error where reason.localizedCaseInsensitiveContains("syntax error"): kind = "query rejected"
        case .error where reason.contains("execution failed"): kind = "execution failed"
        case .error: kind = "engine error"
        default: kind = reason.hasPrefix("variables differ") ? "wrong variables" : "wrong answer"
        }
        return feature(of: query, folder: outcome.test.folder).map { "\(kind) (\($0))" } ?? kind
    }

    /// The first SPARQL 1.1 feature (from most to least telling) the query uses.
    private static func feature(of query: String, folder: String) -> String? {
        if folder.hasSuffix("property-path") { return "property paths" }
        return features.first { query.range(of: $0.pattern, options: [.regularExpression, .caseInsensitive]) != nil }?.name
    }

    private static let features: [(name: String, pattern: String)] = [
        ("NOT EXISTS", #"\bNOT\s+EXISTS\s*\{"#),
        ("EXISTS", #"\bEXISTS\s*\{"#),
        ("MINUS", #"\bMINUS\s*\{"#),
        ("SERVICE", #"\bSERVICE\b"#),
        ("aggregates", #"\b(COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT)\s*\(|\bGROUP\s+BY\b"#),
        ("subquery", #"\{\s*SELECT\b"#),
        ("VALUES", #"\bVALUES\b"#),
        ("BIND", #"\bBIND\s*\("#),
        ("regex", #"\b(REGEX|REPLACE)\s*\("#),
        ("GRAPH", #"\bGRAPH\b"#),
    ]
}
