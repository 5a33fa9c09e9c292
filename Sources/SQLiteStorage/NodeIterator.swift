import CRedland

/// A librdf iterator over nodes it owns (used for the list of graphs).
final class NodeIterator {
    private var nodes: [UnsafeMutablePointer<raptor_term>]
    private var index = 0

    private init(nodes: [UnsafeMutablePointer<raptor_term>]) { self.nodes = nodes }

    deinit { nodes.forEach { librdf_free_node($0) } }

    static func make(world: OpaquePointer, nodes: [UnsafeMutablePointer<raptor_term>]) -> OpaquePointer? {
        let iterator = NodeIterator(nodes: nodes)
        return librdf_new_iterator(world, Unmanaged.passRetained(iterator).toOpaque(), { ctx in
            let it = NodeIterator.from(ctx)
            return it.index >= it.nodes.count ? 1 : 0
        }, { ctx in
            let it = NodeIterator.from(ctx)
            it.index += 1
            return it.index >= it.nodes.count ? 1 : 0
        }, { ctx, flags in
            let it = NodeIterator.from(ctx)
            guard flags == Int32(LIBRDF_ITERATOR_GET_METHOD_GET_OBJECT.rawValue), it.index < it.nodes.count else { return nil }
            return UnsafeMutableRawPointer(it.nodes[it.index])
        }, { ctx in
            guard let ctx else { return }
            Unmanaged<NodeIterator>.fromOpaque(ctx).release()
        })
    }

    private static func from(_ ctx: UnsafeMutableRawPointer?) -> NodeIterator {
        Unmanaged<NodeIterator>.fromOpaque(ctx!).takeUnretainedValue()
    }
}
