/// Turns `Accept` (or the `format` parameter, which wins) into `EndpointRequest.acceptable`: the
/// concrete media types the endpoint writes, best first. Wildcards are expanded here, so `q=0`
/// exclusions (`*/*, text/csv;q=0`) are honoured and the worker only compares concrete types.
public enum ContentNegotiation {
    /// The acceptable types, best first; throws 406 when no type we write can ever satisfy the
    /// client (the worker answers 406 too when none fits the query's form). `formats` are the
    /// `format` parameter's values: clients such as SPARQLWrapper send several alternatives
    /// (`format=tsv&format=text/tab-separated-values`), taken in order; a value we do not know is
    /// skipped as long as another one is usable.
    public static func acceptable(accept: String?, formats: [String]) throws(ProtocolError) -> [String] {
        let formats = formats.filter { !$0.isEmpty }
        guard !formats.isEmpty else {
            guard let accept, !accept.trimmingSpaces.isEmpty else { return EndpointMediaTypes.produced }
            return try negotiate(accept, header: "Accept header")
        }
        var types: [String] = []
        var firstError: ProtocolError?
        for format in formats {
            do {
                for type in try acceptable(format: format) where !types.contains(type) { types.append(type) }
            } catch {
                firstError = firstError ?? error
            }
        }
        if types.isEmpty, let firstError { throw firstError }
        return types
    }

    private static func acceptable(format: String) throws(ProtocolError) -> [String] {
        if let types = EndpointMediaTypes.formatNames[format.lowercased()] { return types }
        guard format.contains("/") else {
            let names = EndpointMediaTypes.formatNames.keys.sorted().joined(separator: ", ")
            throw .notAcceptable("unknown format '\(format)'; use one of \(names) or a media type")
        }
        return try negotiate(format, header: "format parameter")
    }

    private static func negotiate(_ header: String, header what: String) throws(ProtocolError) -> [String] {
        let ranges = MediaRange.parseList(header)
        struct Candidate { let type: String; let quality: Double; let rangeIndex: Int; let ownIndex: Int }
        var candidates: [Candidate] = []
        let offered = EndpointMediaTypes.produced.map { ($0, false) } + EndpointMediaTypes.aliases.map { ($0, true) }
        for (ownIndex, (type, explicitOnly)) in offered.enumerated() {
            // The most specific range naming the type decides its quality (RFC 9110 §12.5.1).
            var best: (specificity: Int, quality: Double, index: Int)?
            for (index, range) in ranges.enumerated() {
                guard let specificity = range.specificity(matching: type), !(explicitOnly && specificity < 2) else { continue }
                if best == nil || specificity > best!.specificity
                    || (specificity == best!.specificity && range.quality > best!.quality) {
                    best = (specificity, range.quality, index)
                }
            }
            if let best, best.quality > 0 {
                candidates.append(Candidate(type: type, quality: best.quality, rangeIndex: best.index, ownIndex: ownIndex))
            }
        }
        guard !candidates.isEmpty else {
            throw .notAcceptable("none of the media types in the \(what) ('\(header)') can be produced; "
                                 + "available: \(EndpointMediaTypes.produced.joined(separator: ", "))")
        }
        return candidates.sorted {
            ($0.quality, -$0.rangeIndex, -$0.ownIndex) > ($1.quality, -$1.rangeIndex, -$1.ownIndex)
        }.map(\.type)
    }
}
