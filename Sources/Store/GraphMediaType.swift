import Foundation
import Redland

/// The RDF syntaxes a body holding one graph may come in (Graph Store PUT/POST, LOAD).
///
/// Only triple syntaxes are accepted: text/turtle (and application/x-turtle), application/n-triples
/// (and text/plain, N-Triples' old type), application/rdf+xml. N-Quads and TriG name graphs
/// themselves, which contradicts a request that names the one graph it writes, so they are refused
/// rather than silently merged into it or spread over other graphs.
enum GraphMediaType {
    /// The format for a media type (parameters such as `charset` are ignored; matching is
    /// case-insensitive). Throws `UnsupportedMediaType` naming what is accepted.
    static func format(of mediaType: String) throws -> RDFFormat {
        let essence = mediaType.split(separator: ";", maxSplits: 1).first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch essence {
        case "text/turtle", "application/x-turtle": return .turtle
        case "application/n-triples", "text/plain": return .ntriples
        case "application/rdf+xml": return .rdfxml
        case "application/n-quads", "application/trig":
            throw UnsupportedMediaType("\(essence) names graphs itself; a graph is sent as \(accepted)")
        default:
            throw UnsupportedMediaType("cannot read \(essence.isEmpty ? "a body without a media type" : essence) as a graph; send \(accepted)")
        }
    }

    static let accepted = "text/turtle, application/n-triples or application/rdf+xml"
}
