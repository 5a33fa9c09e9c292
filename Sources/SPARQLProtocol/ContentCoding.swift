/// Content codings of a response body (RFC 9110 §8.4, §12.5.3).
public enum ContentCoding {
    /// Whether an `Accept-Encoding` header accepts gzip: `gzip` (or the old `x-gzip`) with a
    /// non-zero `q`, or else `*` with a non-zero `q`. No header means the identity coding only,
    /// which is what the endpoint sends to clients that do not ask (RFC 9110 lets a server send any
    /// coding then, but older clients break on it).
    public static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var wildcard: Double?
        for element in acceptEncoding.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let name = parts.first?.trimmingSpaces.lowercased(), !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces.lowercased() == "q" { quality = Double(pair[1].trimmingSpaces) ?? 0 }
            }
            if name == "gzip" || name == "x-gzip" { return quality > 0 }
            if name == "*" { wildcard = quality }
        }
        return (wildcard ?? 0) > 0
    }
}
