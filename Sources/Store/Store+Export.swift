import RDFModel
import SQLiteStorage

extension Store {
    /// Visits every quad of one graph, or of the whole store when `graph` is nil.
    public func forEachQuad(in graph: RDFTerm? = nil, _ body: (Quad) throws -> Void) throws {
        if let database {
            try database.forEach(QuadPattern(graph: graph), anyGraph: true, body)
        } else {
            try model.forEachQuad(in: graph, body)
        }
    }
}
