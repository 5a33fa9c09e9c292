import ArgumentParser
import Store

/// What LOAD may fetch and SERVICE may ask (`RemotePolicy`): `coatt query`, `update`, `serve`
/// and its workers take the same options.
struct RemoteAccessOptions: ParsableArguments {
    @Option(name: .customLong("allow"), help: ArgumentHelp(
        "An http(s) IRI prefix that LOAD may fetch and SERVICE may ask (repeatable; default: none).", valueName: "iri-prefix"))
    var allowedPrefixes: [String] = []

    @Option(name: .customLong("service-endpoint"), help: ArgumentHelp(
        "Send what SERVICE <IRI> asks to URL instead, e.g. a local mirror of a public endpoint (repeatable; "
        + "the IRI must still be allowed).", valueName: "IRI=URL"))
    var serviceEndpoints: [String] = []

    @Option(help: ArgumentHelp("Most solutions one request of a SERVICE may answer (beyond: the query fails).", valueName: "n"))
    var maxServiceRows = RemotePolicy().maxServiceRows

    func validate() throws {
        for prefix in allowedPrefixes where !(prefix.hasPrefix("http://") || prefix.hasPrefix("https://")) {
            throw ValidationError("--allow takes http:// or https:// prefixes only, not '\(prefix)'")
        }
        for mapping in serviceEndpoints where Self.split(mapping) == nil {
            throw ValidationError("--service-endpoint takes IRI=URL with an http(s) URL, not '\(mapping)'")
        }
        guard maxServiceRows > 0 else { throw ValidationError("--max-service-rows must be positive") }
    }

    var policy: RemotePolicy {
        RemotePolicy(allowList: allowedPrefixes, maxServiceRows: maxServiceRows,
                     serviceURLs: Dictionary(serviceEndpoints.compactMap(Self.split), uniquingKeysWith: { _, last in last }))
    }

    /// The same options as arguments, for a worker process.
    var arguments: [String] {
        allowedPrefixes.flatMap { ["--allow", $0] } + serviceEndpoints.flatMap { ["--service-endpoint", $0] }
            + ["--max-service-rows", String(maxServiceRows)]
    }

    private static func split(_ mapping: String) -> (String, String)? {
        guard let equals = mapping.firstIndex(of: "=") else { return nil }
        let iri = String(mapping[..<equals]), url = String(mapping[mapping.index(after: equals)...])
        guard !iri.isEmpty, url.hasPrefix("http://") || url.hasPrefix("https://") else { return nil }
        return (iri, url)
    }
}
