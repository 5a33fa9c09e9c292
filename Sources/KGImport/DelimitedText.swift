/// Field splitting for the extracts' TAB-separated triples and comma-separated tables.
enum DelimitedText {
    /// Decodes bytes as UTF-8, or `nil` when they are not valid UTF-8. ASCII (most names and
    /// ids) takes a fast path that skips the generic validating initializer.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var high: UInt8 = 0
        for b in bytes { high |= b }
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Splits a line on TAB into exactly three fields (head, relation, tail) or throws a reason
    /// naming the number of columns found. Empty fields are rejected.
    static func triple(_ line: UnsafeBufferPointer<UInt8>) throws(FieldError) -> (String, String, String) {
        var tabs = (0, 0)
        var count = 0
        for i in 0..<line.count where line[i] == 0x09 {
            count += 1
            if count == 1 { tabs.0 = i } else if count == 2 { tabs.1 = i }
        }
        guard count == 2 else {
            throw FieldError("expected 3 TAB-separated columns (head, relation, tail), found \(count + 1)")
        }
        let parts = [0..<tabs.0, (tabs.0 + 1)..<tabs.1, (tabs.1 + 1)..<line.count]
        var out: [String] = []
        out.reserveCapacity(3)
        for (n, r) in parts.enumerated() {
            guard !r.isEmpty else { throw FieldError("column \(n + 1) is empty") }
            guard let s = string(UnsafeBufferPointer(rebasing: line[r])) else {
                throw FieldError("column \(n + 1) is not valid UTF-8")
            }
            out.append(s)
        }
        return (out[0], out[1], out[2])
    }
}

/// A reason a line's fields cannot be read; the caller adds file and line.
struct FieldError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Reads RFC 4180 CSV records: fields separated by `,`, optionally enclosed in `"` (then they
/// may hold commas, newlines and `""` for a quote). A record continues over lines while a
/// quoted field is open. Records are handed over with the line they start on.
struct CSVReader {
    let path: String

    /// Calls `body` with each record's fields and start line, header included.
    func forEachRecord(_ body: ([String], Int) throws -> Void) throws {
        var state = CSVRecordState()
        try LineReader(path: path).forEachLine { line, number in
            if !state.inQuotes && line.isEmpty { return }  // blank line between records
            do {
                if let record = try state.feed(line, lineNumber: number) {
                    try body(record, state.startLine)
                }
            } catch let e as FieldError {
                throw KGImportError.malformedLine(file: path, line: state.startLine, reason: e.reason)
            }
        }
        if state.inQuotes {
            throw KGImportError.malformedLine(file: path, line: state.startLine,
                                              reason: "quoted field is not closed before the end of the file")
        }
    }
}

/// The parser behind ``CSVReader``, fed one line at a time.
struct CSVRecordState {
    private(set) var inQuotes = false
    private(set) var startLine = 0
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var afterClosingQuote = false

    /// Adds one line; returns the finished record, or `nil` while a quoted field stays open.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(FieldError) -> [String]? {
        if inQuotes {
            field.append(0x0A)
        } else {
            startLine = lineNumber
            fields.removeAll(keepingCapacity: true)
            field.removeAll(keepingCapacity: true)
            afterClosingQuote = false
        }
        var i = 0
        let n = line.count
        while i < n {
            let c = line[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < n, line[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                    afterClosingQuote = true
                } else {
                    field.append(c)
                }
            } else if c == 0x2C {
                try finishField()
            } else if afterClosingQuote {
                throw FieldError("unexpected character after the closing quote of field \(fields.count + 1)")
            } else if c == 0x22 {
                guard field.isEmpty else {
                    throw FieldError("quote inside unquoted field \(fields.count + 1)")
                }
                inQuotes = true
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes { return nil }
        try finishField()
        return fields
    }

    private mutating func finishField() throws(FieldError) {
        guard let s = field.withUnsafeBufferPointer(DelimitedText.string) else {
            throw FieldError("field \(fields.count + 1) is not valid UTF-8")
        }
        fields.append(s)
        field.removeAll(keepingCapacity: true)
        afterClosingQuote = false
    }
}
