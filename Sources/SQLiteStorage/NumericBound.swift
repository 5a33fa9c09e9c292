import CRedland

/// A necessary condition a FILTER's comparison with a numeric constant (`?v < 0.5`, `100 <= ?v`)
/// puts on a value: the values that certainly fail it are ruled out, so that rows binding them
/// can be dropped before rasqal joins them (`RasqalFilterPushdown`); rasqal, still running the
/// FILTER, decides the rest. Values are compared as Doubles, and only a value beyond the constant
/// by more than Double's rounding of either is ruled out; a term that is not a number (for which
/// the comparison is an error or compares otherwise) is always kept.
struct NumericBound {
    /// The constant.
    let limit: Double
    /// Whether the value must be below the constant (`<`, `<=`), or above it (`>`, `>=`).
    let below: Bool

    /// Whether the comparison may hold for `value`.
    func mayHold(for value: Double) -> Bool {
        guard !value.isNaN else { return true }
        let margin = 1e-9 * max(1, abs(limit), abs(value))
        return below ? value <= limit + margin : value >= limit - margin
    }

    /// The value of a numeric literal (xsd:integer, xsd:decimal, xsd:double, xsd:float); nil for
    /// any other term, the integer subtypes included, which are left to the FILTER.
    static func value(of literal: UnsafeMutablePointer<rasqal_literal>) -> Double? {
        let l = literal.pointee
        switch l.type {
        case RASQAL_LITERAL_INTEGER: return Double(l.value.integer)
        case RASQAL_LITERAL_DOUBLE, RASQAL_LITERAL_FLOAT: return l.value.floating
        case RASQAL_LITERAL_DECIMAL: return l.value.decimal.map { rasqal_xsd_decimal_get_double($0) }
        default: return nil
        }
    }
}
