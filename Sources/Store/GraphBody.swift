import Foundation
import RDFModel
import Redland

/// Reads a document holding one graph (a Graph Store body, a LOADed document) with raptor.
enum GraphBody {
    /// Parses `data` as `format`, handing each triple, placed in `graph`, to `emit`.
    /// - Throws: `RDFParseError` (with the line where there is one) when the bytes are not UTF-8
    ///   or raptor rejects them; whatever `emit` throws.
    static func parse(_ data: Data, format: RDFFormat, graph: RDFTerm?, baseIRI: String,
                      emit: (Quad) throws -> Void) throws {
        // Blank nodes of each document are its own: never merged with the store's.
        let parser = RDFParser(blankNodePrefix: "d\(UUID().uuidString.prefix(8).lowercased())_")
        try parser.parse(data: data, format: format, graph: graph, baseIRI: baseIRI, emit: emit)
    }
}
