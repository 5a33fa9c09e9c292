/// One media type or media range with its parameters, as in `Content-Type` or one element of
/// `Accept` (`text/turtle;q=0.8`, `text/*`, `*/*`). Type, subtype and parameter names are lower-cased.
public struct MediaRange: Sendable, Equatable {
    public var type: String
    public var subtype: String
    /// Parameters other than `q`, names lower-cased, quotes removed.
    public var parameters: [String: String]
    /// The `q` weight, 0…1 (1 when absent or unreadable as a number in range).
    public var quality: Double

    /// `type/subtype` without parameters.
    public var essence: String { "\(type)/\(subtype)" }

    /// Parses one media range; nil when it is not `token/token[;params]`.
    public init?(_ text: some StringProtocol) {
        var pieces = text.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let head = pieces.next() else { return nil }
        let slash = head.split(separator: "/", omittingEmptySubsequences: false)
        guard slash.count == 2 else { return nil }
        type = slash[0].trimmingSpaces.lowercased()
        subtype = slash[1].trimmingSpaces.lowercased()
        guard !type.isEmpty, !subtype.isEmpty, !type.contains(" "), !subtype.contains(" ") else { return nil }
        parameters = [:]
        quality = 1
        while let parameter = pieces.next() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingSpaces.lowercased()
            var value = pair[1].trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if name == "q" {
                if let q = Double(value), (0...1).contains(q) { quality = q }
            } else {
                parameters[name] = value
            }
        }
    }

    /// The ranges of an `Accept` header, in header order; elements that do not parse are skipped.
    public static func parseList(_ header: String) -> [MediaRange] {
        header.split(separator: ",").compactMap { MediaRange($0) }
    }

    /// How specifically this range names `mediaType` (a concrete `type/subtype`): 2 exact,
    /// 1 `type/*`, 0 `*/*`; nil when it does not match.
    func specificity(matching mediaType: String) -> Int? {
        guard let slash = mediaType.firstIndex(of: "/") else { return nil }
        let sameType = mediaType[..<slash] == type
        if sameType && mediaType[mediaType.index(after: slash)...] == subtype { return 2 }
        if subtype == "*", type == "*" { return 0 }
        if subtype == "*", sameType { return 1 }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs. Found on the UTF-8 bytes: the
    /// ends stay on scalar boundaries, since the bytes cut are ASCII.
    public var trimmingSpaces: String {
        let text = Substring(self), bytes = text.utf8
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first..<bytes.index(after: last)])
    }
}
