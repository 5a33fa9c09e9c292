import CRedland
import Foundation
import RDFModel
import Redland

/// The state behind one librdf storage of ours: the database and a cache of librdf nodes by term
/// id, so rows become statements by copying (reference-counting) nodes instead of rebuilding them.
final class StorageInstance {
    let database: QuadDatabase
    let world: OpaquePointer
    private var nodes: [Int64: UnsafeMutablePointer<raptor_term>] = [:]

    init(database: QuadDatabase, world: OpaquePointer) {
        self.database = database
        self.world = world
    }

    deinit { nodes.values.forEach { librdf_free_node($0) } }

    /// A new node (owned by the caller) for a term id.
    func node(_ id: Int64) -> UnsafeMutablePointer<raptor_term>? {
        if let cached = nodes[id] { return librdf_new_node_from_node(cached) }
        guard let term = try? database.term(id).term, let node = term.makeNode(world) else { return nil }
        if nodes.count >= QuadDatabase.cacheLimit {
            nodes.values.forEach { librdf_free_node($0) }
            nodes.removeAll(keepingCapacity: true)
        }
        nodes[id] = node
        return librdf_new_node_from_node(node)
    }

    /// The pattern a librdf statement describes (NULL parts are wildcards).
    func pattern(_ statement: UnsafeMutablePointer<raptor_statement>?, context: UnsafeMutablePointer<raptor_term>?) -> QuadPattern? {
        var pattern = QuadPattern()
        if let statement {
            if let s = librdf_statement_get_subject(statement) { guard let t = RDFTerm(node: s) else { return nil }; pattern.subject = t }
            if let p = librdf_statement_get_predicate(statement) { guard let t = RDFTerm(node: p) else { return nil }; pattern.predicate = t }
            if let o = librdf_statement_get_object(statement) { guard let t = RDFTerm(node: o) else { return nil }; pattern.object = t }
        }
        if let context { guard let t = RDFTerm(node: context) else { return nil }; pattern.graph = t }
        return pattern
    }

    /// The quad a complete librdf statement states, in `context` (nil: the default graph).
    func quad(_ statement: UnsafeMutablePointer<raptor_statement>?, context: UnsafeMutablePointer<raptor_term>?) -> Quad? {
        guard let statement,
              let s = RDFTerm(node: librdf_statement_get_subject(statement)),
              let p = RDFTerm(node: librdf_statement_get_predicate(statement)),
              let o = RDFTerm(node: librdf_statement_get_object(statement)) else { return nil }
        var graph: RDFTerm?
        if let context { guard let g = RDFTerm(node: context) else { return nil }; graph = g }
        return Quad(s, p, o, graph: graph)
    }
}

/// Process-wide table of databases opened by the application, so that a librdf storage named
/// after one uses that very connection (an in-memory database has no other way to be shared).
public enum StorageRegistry {
    private nonisolated(unsafe) static var databases: [String: QuadDatabase] = [:]
    private static let lock = NSLock()

    /// Makes `database` the one librdf gets for storage name `name`.
    public static func register(_ database: QuadDatabase, as name: String) {
        lock.lock(); defer { lock.unlock() }
        databases[name] = database
    }

    public static func unregister(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        databases[name] = nil
    }

    static func database(named name: String) throws -> QuadDatabase {
        lock.lock(); defer { lock.unlock() }
        if let database = databases[name] { return database }
        return try QuadDatabase(path: name)
    }
}
