import Foundation

/// Shared by the two importers.
enum KGFiles {
    /// Throws ``KGImportError/missingFile(path:)`` unless every path exists.
    static func requireAll(_ paths: [String]) throws {
        for p in paths where !FileManager.default.fileExists(atPath: p) {
            throw KGImportError.missingFile(path: p)
        }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// A file's size in bytes, 0 if unknown: for sizing tables before reading.
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Reads a split file's triples, calling `body(head, relation, tail, line)`.
    static func forEachTriple(_ path: String, _ body: (String, String, String, Int) throws -> Void) throws -> Int {
        var lines = 0
        try LineReader(path: path).forEachLine { line, number in
            if line.isEmpty { return }
            let t: (String, String, String)
            do throws(FieldError) { t = try DelimitedText.triple(line) } catch {
                throw KGImportError.malformedLine(file: path, line: number, reason: error.reason)
            }
            lines += 1
            try body(t.0, t.1, t.2, number)
        }
        return lines
    }

    /// Reads a CSV file whose first record must be `header`, calling `body(fields, line)` for
    /// each further record, which must have as many fields.
    static func forEachCSVRow(_ path: String, header: [String], _ body: ([String], Int) throws -> Void) throws {
        var first = true
        try CSVReader(path: path).forEachRecord { fields, line in
            if first {
                first = false
                guard fields == header else {
                    throw KGImportError.malformedLine(file: path, line: line,
                        reason: "expected the header \(header.joined(separator: ",")), found \(fields.joined(separator: ","))")
                }
                return
            }
            guard fields.count == header.count else {
                throw KGImportError.malformedLine(file: path, line: line,
                    reason: "expected \(header.count) comma-separated fields (\(header.joined(separator: ","))), found \(fields.count)")
            }
            try body(fields, line)
        }
        if first {
            throw KGImportError.malformedLine(file: path, line: 1, reason: "empty file, expected the header \(header.joined(separator: ","))")
        }
    }

    /// Whether `s` is `prefix` followed by one or more ASCII digits (`Q42`, `P31`).
    static func isWikidataId(_ s: String, prefix: UInt8) -> Bool {
        var it = s.utf8.makeIterator()
        guard it.next() == prefix else { return false }
        var digits = 0
        while let c = it.next() {
            guard c >= 0x30 && c <= 0x39 else { return false }
            digits += 1
        }
        return digits > 0
    }
}
