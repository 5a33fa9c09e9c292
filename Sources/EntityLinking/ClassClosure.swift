/// The superclasses of classes under an ontology's `rdfs:subClassOf`, transitively (cycles allowed).
public struct ClassClosure: Sendable {
    /// Each class with a superclass → all its superclasses, itself excluded unless on a cycle.
    private let ancestors: [String: Set<String>]

    /// - Parameter subClassOf: the ontology's `(subclass, superclass)` pairs.
    public init(subClassOf: [(subclass: String, superclass: String)]) {
        var direct: [String: [String]] = [:]
        for (subclass, superclass) in subClassOf { direct[subclass, default: []].append(superclass) }
        var ancestors: [String: Set<String>] = [:]
        for start in direct.keys {
            var seen = Set<String>(), pending = direct[start] ?? []
            while let next = pending.popLast() {
                if seen.insert(next).inserted { pending.append(contentsOf: direct[next] ?? []) }
            }
            ancestors[start] = seen
        }
        self.ancestors = ancestors
    }

    /// `classes` and all their superclasses.
    public func closure(of classes: some Sequence<String>) -> Set<String> {
        var result = Set<String>()
        for type in classes {
            result.insert(type)
            result.formUnion(ancestors[type] ?? [])
        }
        return result
    }
}
