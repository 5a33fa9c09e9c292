import Foundation
import RDFModel
import Redland

/// Reads a document holding one graph (a Graph Store body, a LOADed document) with raptor.
enum GraphBody {
    /// Parses `data` as `format`, handing each triple, placed in `graph`, to `emit`.
    /// - Throws: `UpdateError` when the bytes are not UTF-8; `RDFParseError` (line and column)
    ///   when raptor rejects them; whatever `emit` throws.
    static func parse(_ data: Data, format: RDFFormat, graph: RDFTerm?, baseIRI: String,
                      emit: (Quad) throws -> Void) throws {
        // Checked here because converting to a String would quietly replace bad bytes.
        guard let text = String(validating: data, as: UTF8.self) else {
            throw UpdateError("the document is not valid UTF-8")
        }
        // Blank nodes of each document are its own: never merged with the store's.
        let parser = RDFParser(blankNodePrefix: "d\(UUID().uuidString.prefix(8).lowercased())_")
        try parser.parse(text: text, format: format, graph: graph, baseIRI: baseIRI, emit: emit)
    }
}
