import RDFModel
import SQLiteStorage

extension Store {
    /// Visits every quad of one graph, or of the whole store when `graph` is nil; with `predicate`,
    /// only the quads of that predicate (on disk a range scan of the predicate index, far faster
    /// than the same triple pattern through the SPARQL engine).
    public func forEachQuad(in graph: RDFTerm? = nil, predicate: RDFTerm? = nil, _ body: (Quad) throws -> Void) throws {
        if let database {
            try database.forEach(QuadPattern(predicate: predicate, graph: graph), anyGraph: true, body)
        } else {
            try model.forEachQuad(in: graph) { quad in
                if predicate == nil || quad.predicate == predicate { try body(quad) }
            }
        }
    }

    /// Calls `body` with each triple of the default graph alone (as quads without a graph).
    public func forEachQuadOfTheDefaultGraph(_ body: (Quad) throws -> Void) throws {
        if let database {
            try database.forEach(QuadPattern(), anyGraph: false, body)
        } else {
            try model.forEachQuad(in: nil) { quad in if quad.graph == nil { try body(quad) } }
        }
    }
}
