import CRedland
import RDFModel

/// An error from librdf, carrying the messages it logged while failing.
public struct RedlandError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A librdf model over one storage. All access goes through the owning thread (see `RedlandWorld`).
public final class RedlandModel: @unchecked Sendable {
    public let world: RedlandWorld
    let storage: OpaquePointer
    let pointer: OpaquePointer

    /// Opens `storageName` (e.g. our "coatt", Redland's "postgresql") with librdf's option string.
    public init(world: RedlandWorld, storageName: String, name: String, options: String) throws {
        self.world = world
        guard let storage = librdf_new_storage(world.pointer, storageName, name, options) else {
            let why = world.drainMessages().map(\.description).joined(separator: "; ")
            throw RedlandError("cannot open \(storageName) storage '\(name)'" + (why.isEmpty ? "" : ": \(why)"))
        }
        guard let model = librdf_new_model(world.pointer, storage, nil) else {
            librdf_free_storage(storage)
            throw RedlandError("cannot create a model over \(storageName) storage '\(name)'")
        }
        self.storage = storage
        self.pointer = model
    }

    deinit {
        librdf_free_model(pointer)
        librdf_free_storage(storage)
    }

    /// Adds one statement into `quad.graph` (nil: the default graph).
    /// - Throws: `NULCharacterError` for a term holding U+0000, which librdf would cut short.
    public func add(_ quad: Quad) throws {
        try quad.checkNoNULCharacter()
        guard let statement = makeStatement(quad) else { throw RedlandError("cannot build statement \(quad.nquads)") }
        defer { librdf_free_statement(statement) }
        let rc: Int32
        if let graph = quad.graph {
            let context = graph.makeNode(world.pointer)
            defer { librdf_free_node(context) }
            rc = librdf_model_context_add_statement(pointer, context, statement)
        } else {
            rc = librdf_model_add_statement(pointer, statement)
        }
        if rc != 0 {
            let why = world.drainMessages().map(\.description).joined(separator: "; ")
            throw RedlandError("storage refused \(quad.nquads)" + (why.isEmpty ? "" : ": \(why)"))
        }
    }

    /// Whether the quad is present (in its graph; nil: anywhere in the default graph).
    public func contains(_ quad: Quad) throws -> Bool {
        guard let statement = makeStatement(quad) else { throw RedlandError("cannot build statement \(quad.nquads)") }
        defer { librdf_free_statement(statement) }
        guard let graph = quad.graph else { return librdf_model_contains_statement(pointer, statement) != 0 }
        let context = graph.makeNode(world.pointer)
        defer { librdf_free_node(context) }
        guard let stream = librdf_model_find_statements_in_context(pointer, statement, context) else { return false }
        defer { librdf_free_stream(stream) }
        return librdf_stream_end(stream) == 0
    }

    /// Removes one quad.
    public func remove(_ quad: Quad) throws {
        guard let statement = makeStatement(quad) else { throw RedlandError("cannot build statement \(quad.nquads)") }
        defer { librdf_free_statement(statement) }
        let context = quad.graph?.makeNode(world.pointer)
        defer { if let context { librdf_free_node(context) } }
        if librdf_model_context_remove_statement(pointer, context, statement) != 0 {
            throw RedlandError("cannot remove \(quad.nquads)")
        }
    }

    /// Removes every statement of a named graph.
    public func removeGraph(_ graph: RDFTerm) throws {
        let context = graph.makeNode(world.pointer)
        defer { librdf_free_node(context) }
        if librdf_model_context_remove_statements(pointer, context) != 0 {
            throw RedlandError("cannot remove graph \(graph.ntriples)")
        }
    }

    /// The named graphs that hold at least one statement.
    public func graphs() -> [RDFTerm] {
        guard let iterator = librdf_model_get_contexts(pointer) else { return [] }
        defer { librdf_free_iterator(iterator) }
        var graphs: [RDFTerm] = []
        while librdf_iterator_end(iterator) == 0 {
            let node = librdf_iterator_get_object(iterator)?.assumingMemoryBound(to: raptor_term.self)
            if let term = RDFTerm(node: node) { graphs.append(term) }
            librdf_iterator_next(iterator)
        }
        return graphs
    }

    /// Visits every statement of a graph (nil: all statements of every graph).
    public func forEachQuad(in graph: RDFTerm?, _ body: (Quad) throws -> Void) throws {
        let stream: OpaquePointer?
        if let graph {
            let context = graph.makeNode(world.pointer)
            defer { librdf_free_node(context) }
            stream = librdf_model_context_as_stream(pointer, context)
        } else {
            stream = librdf_model_as_stream(pointer)
        }
        guard let stream else { throw RedlandError("cannot list statements") }
        defer { librdf_free_stream(stream) }
        try drain(stream, body)
    }

    func makeStatement(_ quad: Quad) -> UnsafeMutablePointer<raptor_statement>? {
        librdf_new_statement_from_nodes(world.pointer, quad.subject.makeNode(world.pointer),
                                        quad.predicate.makeNode(world.pointer), quad.object.makeNode(world.pointer))
    }
}

/// Reads every statement of a librdf stream, with the context it came from.
func drain(_ stream: OpaquePointer, _ body: (Quad) throws -> Void) throws {
    while librdf_stream_end(stream) == 0 {
        if let statement = librdf_stream_get_object(stream),
           let s = RDFTerm(node: librdf_statement_get_subject(statement)),
           let p = RDFTerm(node: librdf_statement_get_predicate(statement)),
           let o = RDFTerm(node: librdf_statement_get_object(statement)) {
            let context = librdf_stream_get_context2(stream)
            try body(Quad(s, p, o, graph: RDFTerm(node: context)))
        }
        librdf_stream_next(stream)
    }
}
