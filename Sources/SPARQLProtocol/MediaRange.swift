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
        if essence == mediaType { return 2 }
        if subtype == "*", type == "*" { return 0 }
        if subtype == "*", mediaType.hasPrefix(type + "/") { return 1 }
        return nil
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
