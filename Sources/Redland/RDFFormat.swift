/// The RDF syntaxes CoAttKG reads and writes, with raptor's names for them.
public enum RDFFormat: String, CaseIterable, Sendable {
    case turtle, ntriples, rdfxml, nquads, trig

    /// raptor's parser/serializer name.
    public var raptorName: String {
        switch self {
        case .turtle: return "turtle"
        case .ntriples: return "ntriples"
        case .rdfxml: return "rdfxml"
        case .nquads: return "nquads"
        case .trig: return "trig"
        }
    }

    /// Whether the syntax names graphs itself (quads), so that `--graph` only sets the default.
    public var carriesGraphs: Bool { self == .nquads || self == .trig }

    /// The format implied by a file name's extension, if any.
    public init?(path: String) {
        let lower = path.lowercased()
        let name = lower.hasSuffix(".gz") ? String(lower.dropLast(3)) : lower
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "ttl", "turtle", "n3": self = .turtle
        case "nt", "ntriples": self = .ntriples
        case "rdf", "owl", "xml", "rdfxml": self = .rdfxml
        case "nq", "nquads": self = .nquads
        case "trig": self = .trig
        default: return nil
        }
    }
}
