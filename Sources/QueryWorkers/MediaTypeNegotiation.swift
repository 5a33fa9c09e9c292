import Foundation
import Redland
import SPARQLProtocol
import SPARQLResults

/// A result format the worker writes, with the media type it is sent as.
struct NegotiatedFormat<Format: Sendable>: Sendable {
    /// The media type for the reply, with `; charset=utf-8` on `text/*` types.
    let mediaType: String
    let format: Format
}

/// Picks the result format from the client's acceptable media types, best first: the first entry
/// the worker can write for the answer's kind wins. `*/*` (or no entry at all) gives the kind's
/// default, `type/*` the first format of that type; parameters (`;q=…`) are ignored, since the
/// HTTP layer has already put the list in order.
enum MediaTypeNegotiation {
    /// SELECT/ASK results; the first is the default.
    static let results = Offers<ResultsFormat>(
        [("application/sparql-results+json", .json), ("application/sparql-results+xml", .xml),
         ("text/csv", .csv), ("text/tab-separated-values", .tsv)],
        aliases: ["application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml"])

    /// CONSTRUCT/DESCRIBE results and Graph Store GET; the first is the default.
    static let graphs = Offers<RDFFormat>(
        [("text/turtle", .turtle), ("application/n-triples", .ntriples), ("application/rdf+xml", .rdfxml)],
        aliases: [:])

    /// The media types one kind of answer can be written in.
    struct Offers<Format: Sendable>: Sendable {
        let formats: [(mediaType: String, format: Format)]
        /// Other names clients use for one of `formats` (answered with the canonical type).
        let aliases: [String: String]

        init(_ formats: [(mediaType: String, format: Format)], aliases: [String: String]) {
            self.formats = formats
            self.aliases = aliases
        }

        /// The media types offered, for a 406 message.
        var names: String { formats.map(\.mediaType).joined(separator: ", ") }

        /// The first acceptable format, or nil when none of `acceptable` can be written.
        func choose(from acceptable: [String]) -> NegotiatedFormat<Format>? {
            if acceptable.isEmpty { return negotiated(formats[0]) }
            for entry in acceptable {
                let name = (entry.split(separator: ";", maxSplits: 1).first?.trimmingSpaces ?? "").lowercased()
                let canonical = aliases[name] ?? name
                if let exact = formats.first(where: { $0.mediaType == canonical }) { return negotiated(exact) }
                if name == "*/*" { return negotiated(formats[0]) }
                if name.hasSuffix("/*"), let match = formats.first(where: { $0.mediaType.hasPrefix(name.dropLast()) }) {
                    return negotiated(match)
                }
            }
            return nil
        }

        private func negotiated(_ offer: (mediaType: String, format: Format)) -> NegotiatedFormat<Format> {
            let mediaType = offer.mediaType.hasPrefix("text/") ? offer.mediaType + "; charset=utf-8" : offer.mediaType
            return NegotiatedFormat(mediaType: mediaType, format: offer.format)
        }
    }
}
