import CRedland

/// Feeds a quad cursor to librdf as a `librdf_stream` of statements with their contexts.
/// librdf owns the stream; the objects it returns stay valid until the next `next`.
final class StatementStream {
    private let instance: StorageInstance
    private let cursor: QuadCursor
    private var current: (s: Int64, p: Int64, o: Int64, g: Int64)?
    private var statement: UnsafeMutablePointer<raptor_statement>?
    private var context: UnsafeMutablePointer<raptor_term>?

    private init(instance: StorageInstance, cursor: QuadCursor) {
        self.instance = instance
        self.cursor = cursor
        advance()
    }

    deinit {
        releaseCurrent()
        cursor.close()
    }

    /// A librdf stream over `cursor`; an empty stream when `cursor` is nil (an unknown term).
    static func make(instance: StorageInstance, cursor: QuadCursor?) -> OpaquePointer? {
        guard let cursor else { return librdf_new_empty_stream(instance.world) }
        let stream = StatementStream(instance: instance, cursor: cursor)
        let context = Unmanaged.passRetained(stream).toOpaque()
        return librdf_new_stream(instance.world, context, { ctx in
            StatementStream.from(ctx).current == nil ? 1 : 0
        }, { ctx in
            let stream = StatementStream.from(ctx)
            stream.advance()
            return stream.current == nil ? 1 : 0
        }, { ctx, flags in
            let stream = StatementStream.from(ctx)
            if flags == Int32(LIBRDF_STREAM_GET_METHOD_GET_CONTEXT.rawValue) {
                return stream.currentContext().map { UnsafeMutableRawPointer($0) }
            }
            return stream.currentStatement().map { UnsafeMutableRawPointer($0) }
        }, { ctx in
            guard let ctx else { return }
            Unmanaged<StatementStream>.fromOpaque(ctx).release()
        })
    }

    private static func from(_ ctx: UnsafeMutableRawPointer?) -> StatementStream {
        Unmanaged<StatementStream>.fromOpaque(ctx!).takeUnretainedValue()
    }

    private func advance() {
        releaseCurrent()
        current = (try? cursor.next()) ?? nil
    }

    private func releaseCurrent() {
        if let statement { librdf_free_statement(statement) }
        if let context { librdf_free_node(context) }
        statement = nil
        context = nil
    }

    private func currentStatement() -> UnsafeMutablePointer<raptor_statement>? {
        guard let current else { return nil }
        if statement == nil {
            statement = librdf_new_statement_from_nodes(instance.world, instance.node(current.s),
                                                        instance.node(current.p), instance.node(current.o))
        }
        return statement
    }

    private func currentContext() -> UnsafeMutablePointer<raptor_term>? {
        guard let current, current.g != 0 else { return nil }
        if context == nil { context = instance.node(current.g) }
        return context
    }
}
