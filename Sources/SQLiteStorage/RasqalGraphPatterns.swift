import CRedland

/// Reading a prepared rasqal query's graph patterns.
enum RasqalGraphPatterns {
    /// The sub-patterns of a graph pattern, in order.
    static func members(of pattern: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        while let inner = rasqal_graph_pattern_get_sub_graph_pattern(pattern, Int32(result.count)) { result.append(inner) }
        return result
    }

    /// The triples of a basic graph pattern, in order.
    static func triples(of basic: OpaquePointer) -> [UnsafeMutablePointer<rasqal_triple>] {
        var result: [UnsafeMutablePointer<rasqal_triple>] = []
        while let triple = rasqal_graph_pattern_get_triple(basic, Int32(result.count)) { result.append(triple) }
        return result
    }
}
