/// Why an import stopped. File-level problems name the file; line-level ones also its line
/// (1-based; for a CSV record spanning lines, the line it starts on).
public enum KGImportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The folder name matches no ``KGExtractKind``.
    case unknownExtract(folder: String)
    /// A required file is absent.
    case missingFile(path: String)
    /// A file exists but cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A line or record is malformed (wrong column count, bad CSV quoting, bad set literal,
    /// bad id, invalid UTF-8).
    case malformedLine(file: String, line: Int, reason: String)
    /// A JSON metadata file does not have the expected shape.
    case malformedJSON(file: String, reason: String)

    public var description: String {
        switch self {
        case .unknownExtract(let folder):
            return "\(folder): not a known KG extract (expected one of "
                + KGExtractKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .missingFile(let path): return "\(path): required file is missing"
        case .unreadableFile(let path, let reason): return "\(path): cannot read: \(reason)"
        case .malformedLine(let file, let line, let reason): return "\(file):\(line): \(reason)"
        case .malformedJSON(let file, let reason): return "\(file): malformed JSON: \(reason)"
        }
    }
}
