import RDFModel

/// What `coatt store stats` reports.
public struct StoreStatistics: Sendable {
    public var quads: Int
    /// Quads per graph; nil is the default graph. Largest first.
    public var graphs: [(graph: RDFTerm?, quads: Int)]
    /// Instances per class (objects of rdf:type), largest first.
    public var classes: [(RDFTerm, Int)]
    /// Uses per property, largest first.
    public var properties: [(RDFTerm, Int)]
}

extension Store {
    /// The named graphs and their sizes, largest first (the default graph as nil).
    public func graphSizes() throws -> [(graph: RDFTerm?, quads: Int)] {
        if let database { return try database.graphSizes().sorted { $0.quads > $1.quads } }
        var sizes: [RDFTerm?: Int] = [:]
        try model.forEachQuad(in: nil) { sizes[$0.graph, default: 0] += 1 }
        return sizes.map { ($0.key, $0.value) }.sorted { $0.quads > $1.quads }
    }

    /// Triples per graph, instances per class, uses per property.
    public func statistics() throws -> StoreStatistics {
        let graphs = try graphSizes()
        let byCount: ((RDFTerm, Int), (RDFTerm, Int)) -> Bool = { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.value < $1.0.value }
        if let database {
            return StoreStatistics(quads: graphs.reduce(0) { $0 + $1.quads }, graphs: graphs,
                                   classes: try database.classCounts().sorted(by: byCount),
                                   properties: try database.predicateCounts().sorted(by: byCount))
        }
        var classes: [RDFTerm: Int] = [:], properties: [RDFTerm: Int] = [:]
        try model.forEachQuad(in: nil) { quad in
            properties[quad.predicate, default: 0] += 1
            if quad.predicate == .iri(Vocabulary.rdfType) { classes[quad.object, default: 0] += 1 }
        }
        return StoreStatistics(quads: graphs.reduce(0) { $0 + $1.quads }, graphs: graphs,
                               classes: classes.map { ($0.key, $0.value) }.sorted(by: byCount),
                               properties: properties.map { ($0.key, $0.value) }.sorted(by: byCount))
    }
}
