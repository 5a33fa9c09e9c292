import Foundation
import RDFModel
import Redland
import SQLiteStorage

/// The SPARQL 1.1 Graph Store HTTP Protocol's operations on the store. A graph is named by an
/// IRI; nil is the store's default graph (graph id 0, not the union that queries read).
/// Bodies are read by `GraphMediaType`'s rules: Turtle, N-Triples or RDF/XML, UTF-8.
extension Store {
    /// Whether the graph has at least one triple (nil = the default graph: always true).
    public func graphExists(_ graph: RDFTerm?) throws -> Bool {
        guard let graph else { return true }
        if let database { return try database.contains(QuadPattern(graph: graph)) }
        var found = false
        try model.forEachQuad(in: graph) { _ in found = true }
        return found
    }

    /// Every triple of one graph (nil = the store's default graph, graph id 0), for Graph Store GET.
    public func triples(inGraph graph: RDFTerm?) throws -> [Quad] {
        var quads: [Quad] = []
        if let database {
            try database.forEach(QuadPattern(graph: graph), anyGraph: false) { quads.append($0) }
        } else {
            try model.forEachQuad(in: graph) { if $0.graph == graph { quads.append($0) } }
        }
        return quads
    }

    /// Graph Store PUT: replaces the graph with the data (parsed by raptor from `mediaType`),
    /// atomically: on any error the old graph is kept. Returns the number of triples it now holds.
    /// - Parameter baseIRI: for relative IRIs in the data; default the graph's IRI.
    /// - Throws: `UnsupportedMediaType`; `RDFParseError` (line, column) for malformed data or
    ///   data that is not UTF-8; `StoreError` for a graph name that is not an absolute IRI.
    @discardableResult
    public func replaceGraph(_ graph: RDFTerm?, with data: Data, mediaType: String, baseIRI: String?) throws -> Int {
        try writeGraph(graph, data: data, mediaType: mediaType, baseIRI: baseIRI, replacing: true)
    }

    /// Graph Store POST: adds the data's triples to the graph, atomically. Returns how many were new.
    /// Throws as `replaceGraph` does.
    @discardableResult
    public func addToGraph(_ graph: RDFTerm?, data: Data, mediaType: String, baseIRI: String?) throws -> Int {
        try writeGraph(graph, data: data, mediaType: mediaType, baseIRI: baseIRI, replacing: false)
    }

    /// Bytes from which a body is parsed on a thread of its own.
    static let bodyWorthAParsingThread = 1 << 16

    private func writeGraph(_ graph: RDFTerm?, data: Data, mediaType: String, baseIRI: String?, replacing: Bool) throws -> Int {
        let format = try GraphMediaType.format(of: mediaType)
        try Self.checkGraphName(graph)
        let database = try writableDatabase()
        let base = baseIRI ?? graph?.value ?? "urn:x-coattkg:default-graph"
        return try database.transaction {
            if replacing { try database.removeGraph(graph) }
            let parse: @Sendable (_ emit: (Quad) throws -> Void) throws -> Void = { emit in
                try GraphBody.parse(data, format: format, graph: graph, baseIRI: base, emit: emit)
            }
            // Stored in sorted batches (`insertAll`). A large body is parsed on a thread of its own
            // while the triples parsed before go in (`ParsingThread`); a small one (a post's
            // annotations, stored by `extract`) is not worth a thread.
            if data.count < Self.bodyWorthAParsingThread { return try database.insertAll(parse) }
            return try database.insertAll { add in try ParsingThread(parse: parse).forEach(add) }
        }
    }
}
