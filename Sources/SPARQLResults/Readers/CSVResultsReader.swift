import RDFModel

/// Reads SPARQL 1.1 Query Results CSV into a `SolutionTable`.
///
/// CSV carries no term types, so each value becomes a plain literal holding the field's text,
/// except `_:label` fields (blank nodes) and empty fields (unbound). Compare such tables with
/// `ResultsFidelity.csv`, which reduces the other side to the same text.
public enum CSVResultsReader {
    /// Parses an RFC 4180 document whose first record names the variables. CRLF and LF both end records.
    public static func read(_ text: String) throws -> SolutionTable {
        let records = try parseRecords(text)
        guard let header = records.first else { throw ResultsParseError("CSV results have no header line") }
        var rows: [[RDFTerm?]] = []
        for (offset, record) in records.dropFirst().enumerated() {
            guard record.count == header.count else {
                throw ResultsParseError("CSV record \(offset + 2) has \(record.count) fields for \(header.count) variables")
            }
            rows.append(record.map(value))
        }
        return SolutionTable(variables: header, rows: rows)
    }

    private static func value(_ field: String) -> RDFTerm? {
        if field.isEmpty { return nil }
        if field.hasPrefix("_:") { return .blank(String(field.dropFirst(2))) }
        return .literal(field)
    }

    /// Splits RFC 4180 text into records of fields, undoing quoting.
    private static func parseRecords(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": record.append(field); field = ""
            case "\r" where pending == "\n": break
            case "\n", "\r": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ResultsParseError("CSV ends inside a quoted field") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
