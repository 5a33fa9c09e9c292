import CRedland
import Foundation
import RDFModel
import Redland

/// Registers CoAttKG's storage, named "coatt", with a librdf world. librdf and rasqal then use it
/// like any built-in storage: `librdf_new_storage(world, "coatt", PATH, options)` where PATH is a
/// database file, ":memory:", or a name given to `StorageRegistry.register`.
///
/// Semantics: an unbound context (the default graph of a SPARQL query, and `GRAPH ?g`, which
/// librdf also asks without a context) matches every graph, as with Redland's own storages with
/// contexts; statements report the graph they are in.
public enum CoAttStorage {
    public static let name = "coatt"

    /// Throws when librdf refuses, which happens only when the world has the name already.
    public static func register(with world: RedlandWorld) throws {
        let status = world.withPointer { pointer in
            librdf_storage_register_factory(pointer, name, "CoAttKG SQLite quad store") { factory in
                guard let f = factory else { return }
                f.pointee.version = 1
                f.pointee.`init` = storageInit
                f.pointee.terminate = storageTerminate
                f.pointee.open = { _, _ in 0 }
                f.pointee.close = { _ in 0 }
                f.pointee.sync = { _ in 0 }
                f.pointee.size = storageSize
                f.pointee.add_statement = { storage, statement in write(storage) { try $0.database.insert(try quad($0, statement, nil)) } }
                f.pointee.add_statements = { storage, stream in addAll(storage, stream, context: nil) }
                f.pointee.remove_statement = { storage, statement in write(storage) { try $0.database.remove(try quad($0, statement, nil)) } }
                f.pointee.contains_statement = storageContains
                f.pointee.serialise = { storage in find(storage, nil, nil, anyGraph: true) }
                f.pointee.find_statements = { storage, statement in find(storage, statement, nil, anyGraph: true) }
                f.pointee.context_add_statement = { storage, context, statement in
                    write(storage) { try $0.database.insert(try quad($0, statement, context)) }
                }
                f.pointee.context_add_statements = { storage, context, stream in addAll(storage, stream, context: context) }
                f.pointee.context_remove_statement = { storage, context, statement in
                    write(storage) { try $0.database.remove(try quad($0, statement, context)) }
                }
                f.pointee.context_remove_statements = { storage, context in
                    write(storage) { instance in
                        try instance.database.removeGraph(context.flatMap { RDFTerm(node: $0) })
                    }
                }
                f.pointee.context_serialise = { storage, context in find(storage, nil, context, anyGraph: false) }
                f.pointee.find_statements_in_context = { storage, statement, context in
                    find(storage, statement, context, anyGraph: false)
                }
                f.pointee.get_contexts = storageContexts
                f.pointee.get_feature = storageFeature
                f.pointee.transaction_start = { storage in write(storage) { try $0.database.begin() } }
                f.pointee.transaction_commit = { storage in write(storage) { try $0.database.commit() } }
                f.pointee.transaction_rollback = { storage in write(storage) { try $0.database.rollback() } }
            }
        }
        guard status == 0 else { throw RedlandError("librdf refused to register the '\(name)' storage") }
    }
}

private struct InvalidStatement: Error {}

private func instance(_ storage: OpaquePointer?) -> StorageInstance {
    Unmanaged<StorageInstance>.fromOpaque(librdf_storage_get_instance(storage)).takeUnretainedValue()
}

private func quad(_ instance: StorageInstance, _ statement: UnsafeMutablePointer<raptor_statement>?,
                  _ context: UnsafeMutablePointer<raptor_term>?) throws -> Quad {
    guard let quad = instance.quad(statement, context: context) else { throw InvalidStatement() }
    return quad
}

/// Runs a write, turning a Swift error into librdf's non-zero status and a logged message.
private func write(_ storage: OpaquePointer?, _ body: (StorageInstance) throws -> Void) -> Int32 {
    let instance = instance(storage)
    do {
        try body(instance)
        return 0
    } catch {
        "\(error)".withCString { librdf_log_simple(instance.world, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, nil, $0) }
        return 1
    }
}

private func storageInit(_ storage: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ options: OpaquePointer?) -> Int32 {
    // librdf hands the options hash to the storage, which must free it.
    defer { if let options { librdf_free_hash(options) } }
    let path = name.map { String(cString: $0) } ?? ":memory:"
    let world = librdf_storage_get_world(storage)!
    do {
        let database = try StorageRegistry.database(named: path)
        let instance = StorageInstance(database: database, world: world)
        librdf_storage_set_instance(storage, Unmanaged.passRetained(instance).toOpaque())
        return 0
    } catch {
        "\(error)".withCString { librdf_log_simple(world, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, nil, $0) }
        return 1
    }
}

private func storageTerminate(_ storage: OpaquePointer?) {
    guard let raw = librdf_storage_get_instance(storage) else { return }
    Unmanaged<StorageInstance>.fromOpaque(raw).release()
}

private func storageSize(_ storage: OpaquePointer?) -> Int32 {
    Int32(clamping: (try? instance(storage).database.count()) ?? -1)
}

private func storageContains(_ storage: OpaquePointer?, _ statement: UnsafeMutablePointer<raptor_statement>?) -> Int32 {
    let instance = instance(storage)
    guard let pattern = instance.pattern(statement, context: nil) else { return 0 }
    return ((try? instance.database.contains(pattern, anyGraph: true)) ?? false) ? 1 : 0
}

private func addAll(_ storage: OpaquePointer?, _ stream: OpaquePointer?, context: UnsafeMutablePointer<raptor_term>?) -> Int32 {
    write(storage) { instance in
        try instance.database.transaction {
            while let stream, librdf_stream_end(stream) == 0 {
                let statement = librdf_stream_get_object(stream)
                try instance.database.insert(try quad(instance, statement, context))
                librdf_stream_next(stream)
            }
        }
    }
}

private func find(_ storage: OpaquePointer?, _ statement: UnsafeMutablePointer<raptor_statement>?,
                  _ context: UnsafeMutablePointer<raptor_term>?, anyGraph: Bool) -> OpaquePointer? {
    let instance = instance(storage)
    guard let pattern = instance.pattern(statement, context: context) else {
        return librdf_new_empty_stream(instance.world)
    }
    let cursor = (try? instance.database.cursor(pattern, anyGraph: anyGraph)) ?? nil
    return StatementStream.make(instance: instance, cursor: cursor)
}

private func storageContexts(_ storage: OpaquePointer?) -> OpaquePointer? {
    let instance = instance(storage)
    let graphs = ((try? instance.database.graphSizes()) ?? []).compactMap(\.graph)
    return NodeIterator.make(world: instance.world, nodes: graphs.compactMap { $0.makeNode(instance.world) })
}

/// librdf asks whether the storage supports contexts before using the context functions.
private func storageFeature(_ storage: OpaquePointer?, _ feature: OpaquePointer?) -> UnsafeMutablePointer<raptor_term>? {
    guard let feature, let uri = librdf_uri_as_string(feature) else { return nil }
    guard String(cString: uri) == "http://feature.librdf.org/model-contexts" else { return nil }
    return RDFTerm.literal("1").makeNode(instance(storage).world)
}
