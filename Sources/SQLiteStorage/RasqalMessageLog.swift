import CRedland
import Redland

/// Collects the messages rasqal logs while it parses.
final class RasqalMessageLog {
    private(set) var messages: [RedlandMessage] = []

    func record(_ message: UnsafeMutablePointer<raptor_log_message>) {
        guard message.pointee.level.rawValue >= RAPTOR_LOG_LEVEL_WARN.rawValue else { return }
        let text = message.pointee.text.map { String(cString: $0) } ?? "unknown error"
        var line: Int?, column: Int?
        if let locator = message.pointee.locator {
            if locator.pointee.line > 0 { line = Int(locator.pointee.line) }
            if locator.pointee.column > 0 { column = Int(locator.pointee.column) }
        }
        let level: RedlandMessage.Level = message.pointee.level.rawValue >= RAPTOR_LOG_LEVEL_ERROR.rawValue ? .error : .warning
        messages.append(RedlandMessage(level, text, line: line, column: column))
    }

    /// The errors logged since parsing, without the one rasqal 0.9.33 logs and then ignores: after
    /// it adds the variables of a query's aggregates it checks again which variables the query
    /// binds, and reports an aggregate over a grouped subquery (`SELECT (COUNT(*) AS ?c) { {
    /// SELECT … GROUP BY … } }`) as "Variable c was not bound and not used in the query (where
    /// is it from?)", though the query runs and answers right.
    var evaluationErrors: [RedlandMessage] {
        messages.filter { $0.level == .error && !($0.text.hasPrefix("Variable ") && $0.text.hasSuffix(Self.ignoredVariableCheck)) }
    }

    private static let ignoredVariableCheck = " was not bound and not used in the query (where is it from?)"
}
