import CRedland

/// A necessary condition a FILTER's comparison with a constant xsd:dateTime (`?time >=
/// "2026-11-19T00:00:00Z"^^xsd:dateTime`) puts on a value, for `RasqalFilterPushdown`: an
/// xsd:dateTime value is compared as the FILTER compares it (`rasqal_xsd_datetime_compare2`), and
/// ruled out only where that comparison fails; a value it cannot compare (one with a time zone and
/// one without, an hour apart or less) and any other term are left to the FILTER.
struct DateTimeBound {
    /// The constant, the query's own literal: read only while the query runs.
    let limit: UnsafeMutablePointer<rasqal_literal>
    /// Whether the value must be before the constant (`<`, `<=`), or after it (`>`, `>=`).
    let below: Bool
    /// Whether the constant itself passes (`<=`, `>=`).
    let inclusive: Bool

    init?(limit: UnsafeMutablePointer<rasqal_literal>, below: Bool, inclusive: Bool) {
        guard limit.pointee.type == RASQAL_LITERAL_DATETIME, limit.pointee.value.datetime != nil else { return nil }
        (self.limit, self.below, self.inclusive) = (limit, below, inclusive)
    }

    /// Whether the comparison may hold for `value`.
    func mayHold(for value: UnsafeMutablePointer<rasqal_literal>) -> Bool {
        guard value.pointee.type == RASQAL_LITERAL_DATETIME, let time = value.pointee.value.datetime,
              let bound = limit.pointee.value.datetime else { return true }
        var incomparable: Int32 = 0
        let order = rasqal_xsd_datetime_compare2(time, bound, &incomparable)
        guard incomparable == 0 else { return true }
        if order == 0 { return inclusive }
        return below == (order < 0)
    }
}
