import CRedland

/// How many quads a triple pattern matches alone (none of its variables bound, any graph), from
/// the store's counts (`QuadDatabase.scanSize`), for choosing where rasqal starts. Made for one
/// query: each triple's count is worked out once.
final class RasqalScanEstimate {
    let cache: RasqalTermCache
    let placeholders: Placeholders
    private var known: [UnsafeMutablePointer<rasqal_triple>: Int?] = [:]

    init(cache: RasqalTermCache, placeholders: Placeholders) {
        (self.cache, self.placeholders) = (cache, placeholders)
    }

    /// The quads matching the triple's constants, up to `QuadDatabase.scanSizeLimit`; 0 when a
    /// constant is not in the store; nil for the placeholders and the unit triple, which are not scans.
    func rows(of triple: UnsafeMutablePointer<rasqal_triple>) throws -> Int? {
        if let rows = known[triple] { return rows }
        let rows = try count(triple)
        known[triple] = rows
        return rows
    }

    private func count(_ triple: UnsafeMutablePointer<rasqal_triple>) throws -> Int? {
        let t = triple.pointee
        guard !RasqalTriplesSource.isUnit(triple), placeholders.check(at: t.subject) == nil, placeholders.path(at: t.predicate) == nil else {
            return nil
        }
        var ids: [Int64?] = []
        for term in [t.subject, t.predicate, t.object] {
            guard let term else { return nil }
            if rasqal_literal_as_variable(term) != nil {
                ids.append(nil)
                continue
            }
            guard let id = cache.id(of: term) else { return 0 }
            ids.append(id)
        }
        return try cache.database.scanSize(subject: ids[0], predicate: ids[1], object: ids[2])
    }

    /// The quads the triple matches for one row of the triples before it, which bind `bound`:
    /// `rows(of:)` with no variable bound; with its subject or object bound, the quads per
    /// subject or object of its predicate (`QuadDatabase.fanOut(ofPredicate:)`); with both
    /// fixed, at most one. nil for the placeholders and the unit triple.
    func rows(of triple: UnsafeMutablePointer<rasqal_triple>, given bound: Set<UnsafeMutablePointer<rasqal_variable>>) throws -> Double? {
        guard let alone = try rows(of: triple) else { return nil }
        let t = triple.pointee
        let subject = t.subject.flatMap(rasqal_literal_as_variable), object = t.object.flatMap(rasqal_literal_as_variable)
        let subjectBound = subject.map(bound.contains) ?? false, objectBound = object.map(bound.contains) ?? false
        guard subjectBound || objectBound else { return Double(alone) }
        if (subject == nil || subjectBound) && (object == nil || objectBound) { return min(Double(alone), 1) }
        let predicate = t.predicate.flatMap { rasqal_literal_as_variable($0) == nil ? cache.id(of: $0) : nil }
        let fanOut = try cache.database.fanOut(ofPredicate: predicate)
        return min(Double(alone), subjectBound ? fanOut.perSubject : fanOut.perObject)
    }
}
